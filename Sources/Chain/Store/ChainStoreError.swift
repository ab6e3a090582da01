import DagCBOR
import FilecoinTypes
import IPLD

/// Why a chain store operation failed. Each case names what was wrong; none leaves the store
/// changed (a refused header is not stored, a refused head is not taken).
public enum ChainStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A block the chain needs is not in the block store.
    case missingBlock(CID)
    /// A stored or offered block header does not decode as a Lotus `BlockHeader`.
    case malformedBlockHeader(CID, String)
    /// Offered bytes do not hash to the CID they were offered under.
    case hashMismatch(CID)
    /// A message-meta, message-list AMT, message or receipt does not decode.
    case malformedMessages(CID, String)
    /// A tipset key names no blocks, or blocks that do not form a tipset.
    case invalidTipSet(TipSetKey, String)
    /// A height lookup asked for a negative height or one above its starting tipset.
    case heightOutOfRange(requested: Int64, from: Int64)
    /// The chain has no genesis yet (``ChainStore/setGenesis(_:)`` was never called).
    case noGenesis
    /// The chain has no head yet.
    case noHead
    /// A different genesis is already recorded; a store holds one chain.
    case genesisMismatch(recorded: CID, offered: CID)
    /// The weight of a tipset cannot be computed: its parent state holds no power
    /// ("All power in the net is gone" in Lotus).
    case noPower(TipSetKey)
    /// The parent state of a tipset cannot be read for its weight.
    case unreadableState(CID, String)
    /// The recorded head or genesis in the metadata store does not decode.
    case malformedMetadata(key: String, String)
    /// No beacon entry was found behind a tipset (Lotus `GetLatestBeaconEntry`).
    case noBeaconEntry(TipSetKey, String)
    /// The block store or the metadata store failed.
    case storage(String)

    public var description: String {
        switch self {
        case .missingBlock(let cid): "block \(cid) is not in the store"
        case .malformedBlockHeader(let cid, let why): "block \(cid) is not a valid block header: \(why)"
        case .hashMismatch(let cid): "bytes offered as \(cid) do not hash to it"
        case .malformedMessages(let cid, let why): "messages at \(cid) do not decode: \(why)"
        case .invalidTipSet(let key, let why): "tipset \(key) is invalid: \(why)"
        case .heightOutOfRange(let requested, let from):
            "height \(requested) is out of range (negative, or above the start at \(from))"
        case .noGenesis: "the chain store has no genesis"
        case .noHead: "the chain store has no head"
        case .genesisMismatch(let recorded, let offered): "genesis \(offered) differs from the recorded genesis \(recorded)"
        case .noPower(let key): "the parent state of \(key) has no power: the network is dead or disconnected"
        case .unreadableState(let root, let why): "state \(root) cannot be read: \(why)"
        case .malformedMetadata(let key, let why): "chain metadata '\(key)' does not decode: \(why)"
        case .noBeaconEntry(let key, let why): "no beacon entry behind \(key): \(why)"
        case .storage(let why): "chain storage: \(why)"
        }
    }

    static func from(_ error: BlockstoreError) -> ChainStoreError {
        switch error {
        case .notFound(let cid): .missingBlock(cid)
        case .hashMismatch(let cid): .hashMismatch(cid)
        case .backend(let message): .storage(message)
        }
    }
}
