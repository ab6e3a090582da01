/// A message or invocation outcome code, as go-state-types `exitcode.ExitCode` numbers them.
/// Codes below 16 are the VM's own (system) codes; 16...31 are common actor codes; 32 and up
/// belong to individual actors.
public struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static let ok = ExitCode(0)
    public static let sysErrSenderInvalid = ExitCode(1)
    public static let sysErrSenderStateInvalid = ExitCode(2)
    public static let sysErrInvalidMethod = ExitCode(3)
    public static let sysErrReserved1 = ExitCode(4)
    public static let sysErrInvalidReceiver = ExitCode(5)
    public static let sysErrInsufficientFunds = ExitCode(6)
    public static let sysErrOutOfGas = ExitCode(7)
    public static let sysErrForbidden = ExitCode(8)
    public static let sysErrIllegalActor = ExitCode(9)
    public static let sysErrIllegalArgument = ExitCode(10)
    public static let errIllegalArgument = ExitCode(16)
    public static let errNotFound = ExitCode(17)
    public static let errForbidden = ExitCode(18)
    public static let errInsufficientFunds = ExitCode(19)
    public static let errIllegalState = ExitCode(20)
    public static let errSerialization = ExitCode(21)
    public static let firstActorSpecific = ExitCode(32)

    public var isSuccess: Bool { rawValue == 0 }
    public var description: String { "exit \(rawValue)" }
}
