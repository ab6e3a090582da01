import DagCBOR
import FilecoinTypes

/// Why ``ChainSync`` refused a block. None of these changes the chain: a refused block is not
/// stored and the head stays; only a block failing a rule for good is remembered as bad.
public enum ChainSyncError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The block, or a parent of it, is in the bad-block cache: refused without validating.
    case badBlock(CID, reason: BadBlockReason)
    /// The block's parents are not in the chain store (this node does not fetch them).
    case unknownParents(TipSetKey)
    /// The block is further ahead of the clock than `maxHeightDrift` epochs (Lotus's "impossibly
    /// large height"); not marked bad, it may be fine later.
    case heightBeyondClock(height: Int64, now: UInt64)
    /// The block breaks a consensus rule; it is now in the bad-block cache.
    case invalid(BlockValidationFailure)
    /// The block could not be judged yet (a timestamp ahead of the clock, a chain fact that could
    /// not be read); not marked bad.
    case notYetValid(BlockValidationFailure)
    /// A message a submitted `BlockMsg` lists is not in the store (Lotus "failed to load bls/secpk
    /// messages"): messages are stored before the block that carries them is submitted.
    case messageNotFound(CID)
    /// The messages do not hash to the header's `Messages` root (Lotus `ValidateMsgMeta`, "provided
    /// messages did not match block").
    case messagesRootMismatch(header: CID, computed: CID)
    /// Reading or storing the block or its messages failed.
    case storage(ChainStoreError)

    public var description: String {
        switch self {
        case .badBlock(let cid, let reason): "block \(cid) was marked bad: \(reason)"
        case .unknownParents(let key): "parents of the block are not known: \(key)"
        case .heightBeyondClock(let height, let now):
            "received block with impossibly large height \(height) (clock at \(now))"
        case .invalid(let failure): "block is invalid: \(failure)"
        case .notYetValid(let failure): "block could not be validated now: \(failure)"
        case .messageNotFound(let cid): "failed to load message \(cid)"
        case .messagesRootMismatch(let header, let computed):
            "provided messages did not match block: messages hash to \(computed), the header names \(header)"
        case .storage(let error): "chain storage failed: \(error)"
        }
    }
}
