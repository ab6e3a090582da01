/// Method numbers every actor shares (specs-actors `builtin.MethodSend`, `MethodConstructor`).
public enum BuiltinMethod {
    /// A plain value transfer: no code runs.
    public static let send: UInt64 = 0
    public static let constructor: UInt64 = 1
}
