/// Why a tipset could not be applied. None of these is a message outcome (those are receipts):
/// each means the tipset as given cannot produce a state, and nothing is written.
public enum TipsetExecutionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A tipset has at least one block.
    case noBlocks
    /// The tipset's epoch is not after its parent's (equal is allowed: the conformance corpus
    /// applies tipsets at their parent's epoch).
    case epochBeforeParent(parent: Int64, epoch: Int64)
    /// Two blocks of one tipset by the same miner (Lotus `computeTipSetState`).
    case duplicateMiner(String)
    /// The epochs between parent and tipset cross a scheduled upgrade: its migration is not
    /// run here, so the range is refused rather than computed wrong.
    case crossesUpgrade(name: String, height: Int64, parentEpoch: Int64, epoch: Int64)
    /// A message in a block does not decode.
    case malformedMessage(block: Int, index: Int, String)
    /// The reward or cron message failed: Lotus aborts the tipset.
    case implicitMessageFailed(String, exitCode: Int64, String)
    /// The node itself failed (a missing block, unreadable state).
    case fatal(String)

    public var description: String {
        switch self {
        case .noBlocks: "tipset has no blocks"
        case .epochBeforeParent(let parent, let epoch): "tipset epoch \(epoch) is before its parent's \(parent)"
        case .duplicateMiner(let miner): "duplicate miner in a tipset: \(miner)"
        case .crossesUpgrade(let name, let height, let parent, let epoch):
            "epochs \(parent)..<\(epoch) cross the \(name) upgrade at \(height), whose migration is not supported here"
        case .malformedMessage(let block, let index, let why): "block \(block) message \(index) does not decode: \(why)"
        case .implicitMessageFailed(let what, let code, let why): "\(what) failed (exit \(code)): \(why)"
        case .fatal(let why): "fatal: \(why)"
        }
    }
}
