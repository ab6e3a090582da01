import ChainState
import FilecoinTypes

/// Why a gas estimate failed, worded as Lotus words it (clients match on these texts).
public indirect enum GasEstimationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The tipset asked for (or the head) could not be loaded.
    case tipSetUnavailable(String)
    /// A parent tipset could not be loaded while walking back.
    case parentUnavailable(String)
    /// A tipset's messages could not be loaded (premium estimation).
    case messagesUnavailable(String)
    /// The sender has no key address, or it could not be read.
    case keyAddressUnavailable(String)
    /// The sender's pending messages could not be read.
    case pendingUnavailable(String)
    /// The call with gas could not run (the node's failure, not the message's).
    case callFailed(String)
    /// The message failed when applied: its exit code and the actor's error text.
    case executionFailed(exitCode: Int64, reason: String)
    /// `GasBatchEstimateMessageGas` with no messages.
    case emptyBatch
    /// `GasEstimateMessageGas`: a step failed (`stage` names it as Lotus's wrapping does).
    case estimating(stage: String, GasEstimationError)

    public var description: String {
        switch self {
        case .tipSetUnavailable(let why): "getting tipset: \(why)"
        case .parentUnavailable(let why): "getting parent tipset: \(why)"
        case .messagesUnavailable(let why): "loading messages: \(why)"
        case .keyAddressUnavailable(let why): "getting key address: \(why)"
        case .pendingUnavailable(let why): "getting pending messages: \(why)"
        case .callFailed(let why): "CallWithGas failed: \(why)"
        case .executionFailed(let code, let reason):
            "message execution failed: exit \(GasEstimationError.goExitCode(code)), reason: \(reason)"
        case .emptyBatch: "estimate messages are empty"
        case .estimating(let stage, let error): "estimating \(stage): \(error)"
        }
    }

    /// go-state-types `ExitCode.String()` for the codes of the actors this VM runs:
    /// `Name(code)`, or the bare number for codes without a name.
    static func goExitCode(_ code: Int64) -> String {
        let names: [Int64: String] = [
            0: "Ok", 1: "SysErrSenderInvalid", 2: "SysErrSenderStateInvalid", 3: "SysErrInvalidMethod",
            4: "SysErrReserved1", 5: "SysErrInvalidReceiver", 6: "SysErrInsufficientFunds", 7: "SysErrOutOfGas",
            8: "SysErrForbidden", 9: "SysErrorIllegalActor", 10: "SysErrorIllegalArgument", 11: "SysErrReserved2",
            12: "SysErrReserved3", 13: "SysErrReserved4", 14: "SysErrReserved5", 15: "SysErrReserved6",
            16: "ErrIllegalArgument", 17: "ErrNotFound", 18: "ErrForbidden", 19: "ErrInsufficientFunds",
            20: "ErrIllegalState", 21: "ErrSerialization",
        ]
        guard let name = names[code] else { return "\(code)" }
        return "\(name)(\(code))"
    }
}
