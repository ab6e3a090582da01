/// The verified registry actor's method numbers (specs-actors v0 and v2 `MethodsVerifiedRegistry`).
public enum VerifiedRegistryMethod: UInt64, Sendable {
    case constructor = 1
    case addVerifier = 2
    case removeVerifier = 3
    case addVerifiedClient = 4
    case useBytes = 5
    case restoreBytes = 6
}
