/// The init actor's method numbers (specs-actors v0 and v2 `MethodsInit`).
public enum InitMethod: UInt64, Sendable {
    case constructor = 1
    case exec = 2
}
