import DagCBOR
import IPLD

/// Why an export or import failed. An import that fails may have stored some blocks (each
/// verified against its CID, so the store stays consistent) but changes neither head nor genesis.
public enum ChainExportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A block the export must write is not in the store.
    case missingBlock(CID)
    /// A header on the walk does not decode.
    case malformedHeader(CID, String)
    /// A DAG-CBOR block on the walk does not decode, so its links cannot be followed.
    case malformedBlock(CID, String)
    /// The CAR is unreadable, truncated, or a block does not match its CID.
    case car(CARError)
    /// The CAR names no root.
    case noRoots
    /// The roots, or the chain behind them, do not form tipsets in the store.
    case chain(ChainStoreError)
    /// The block store failed.
    case store(String)
    /// The output refused bytes.
    case output(String)

    public var description: String {
        switch self {
        case .missingBlock(let cid): "block \(cid) is not in the store"
        case .malformedHeader(let cid, let why): "block \(cid) is not a block header: \(why)"
        case .malformedBlock(let cid, let why): "block \(cid) is not DAG-CBOR: \(why)"
        case .car(let error): "\(error)"
        case .noRoots: "the CAR names no roots"
        case .chain(let error): "\(error)"
        case .store(let why): "block store: \(why)"
        case .output(let why): "writing the snapshot: \(why)"
        }
    }
}
