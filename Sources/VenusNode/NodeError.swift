/// Why the node could not start.
public enum NodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The genesis CAR given does not hold a single block at height 0.
    case notAGenesis(height: Int64, blocks: Int)
    /// The genesis file could not be read.
    case unreadableGenesis(path: String, reason: String)
    /// The repo's chain was made from another genesis than the one given.
    case genesisMismatch(repo: String, given: String)

    public var description: String {
        switch self {
        case .notAGenesis(let height, let blocks):
            "the genesis CAR's root is a tipset of \(blocks) block(s) at height \(height), not a single block at 0"
        case .unreadableGenesis(let path, let reason): "cannot read the genesis file \(path): \(reason)"
        case .genesisMismatch(let repo, let given):
            "the repo's chain starts at genesis \(repo), not at the given \(given): use another --repo"
        }
    }
}
