/// Why an invocation stopped: an actor abort, a VM-detected failure (out of gas, a missing
/// method), or a fatal fault of the node itself.
///
/// A non-fatal error becomes the message's exit code and reverts the invocation's state changes;
/// a fatal one (`isFatal`) means the node cannot compute the result (a missing block, a broken
/// invariant) and aborts the whole application, as Lotus's `aerrors.Fatal` does.
public struct ActorError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: ExitCode
    public var message: String
    public var isFatal: Bool

    public init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
        self.isFatal = false
    }

    public static func fatal(_ message: String) -> ActorError {
        var error = ActorError(.sysErrReserved1, message)
        error.isFatal = true
        return error
    }

    public var description: String { "\(isFatal ? "fatal: " : "")\(code): \(message)" }
}
