import DagCBOR
import FilecoinTypes

/// Why a fact could not be read from a state tree. Thrown by the state-backed validation context
/// and message-pool provider; block validation turns it into `chainFactUnavailable` (the block is
/// left unjudged) and the pool into `stateUnavailable`.
public enum StateFactError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The state tree, an actor or an actor's state at `root` does not read or decode.
    case unreadable(root: CID, String)
    /// A singleton actor every state has (power, init) is missing.
    case missingActor(root: CID, Address)
    /// The miner's worker is neither a key address nor an account actor holding one (Lotus
    /// `ResolveToKeyAddr` fails).
    case workerNotResolvable(miner: Address, worker: Address)
    /// Sector infos were asked of an address that is not a miner actor.
    case notAMiner(Address)
    /// A sector a miner's proving set names is not in its sectors array.
    case missingSector(miner: Address, sector: UInt64)
    /// An actor (f2) address has no key address behind it.
    case actorAddressHasNoKey(Address)
    /// The address names no account actor whose key could be read (Lotus "address was not for
    /// an account actor").
    case noKeyAddress(Address)

    public var description: String {
        switch self {
        case .unreadable(let root, let why): "state \(root) does not read: \(why)"
        case .missingActor(let root, let address): "state \(root) has no actor \(address)"
        case .workerNotResolvable(let miner, let worker):
            "worker \(worker) of miner \(miner) does not resolve to a key address"
        case .notAMiner(let address): "\(address) is not a miner actor"
        case .missingSector(let miner, let sector): "miner \(miner) has no sector \(sector)"
        case .actorAddressHasNoKey(let address): "cannot resolve actor address \(address) to a key address"
        case .noKeyAddress(let address): "address \(address) is not an account actor with a key address"
        }
    }
}
