import DagCBOR
import FilecoinCrypto

/// A content-addressed block store: bytes stored under their CID.
///
/// Invariant: a store only ever returns, for a CID, bytes that were put under that CID. Stores
/// trust `put` callers to pass matching pairs (hashing on every write would double the cost of a
/// HAMT flush); ``putVerified(_:_:)`` checks first, for bytes from the network or a file.
public protocol Blockstore: Sendable {
    /// The block's bytes, or nil when the store does not hold it.
    func get(_ cid: CID) throws(BlockstoreError) -> [UInt8]?
    /// Stores `data` under `cid`; storing a block twice is harmless.
    func put(_ cid: CID, _ data: [UInt8]) throws(BlockstoreError)
    /// Stores every block in one transaction where the store has them.
    func putMany(_ blocks: [(cid: CID, data: [UInt8])]) throws(BlockstoreError)
    func has(_ cid: CID) throws(BlockstoreError) -> Bool
}

extension Blockstore {
    public func putMany(_ blocks: [(cid: CID, data: [UInt8])]) throws(BlockstoreError) {
        for block in blocks { try put(block.cid, block.data) }
    }

    /// The block's bytes; a missing block is an error naming it.
    public func getRequired(_ cid: CID) throws(BlockstoreError) -> [UInt8] {
        guard let data = try get(cid) else { throw .notFound(cid) }
        return data
    }

    /// Stores DAG-CBOR bytes under their Filecoin CID (dag-cbor, blake2b-256) and returns it.
    @discardableResult
    public func putCBOR(_ data: [UInt8]) throws(BlockstoreError) -> CID {
        let cid = CID.filecoin(cbor: data)
        try put(cid, data)
        return cid
    }

    /// Stores the encoding of `value` under its Filecoin CID.
    @discardableResult
    public func put(_ value: some CBOREncodable) throws(BlockstoreError) -> CID {
        try putCBOR(value.cborBytes)
    }

    /// Stores `data` after checking it hashes to `cid`.
    public func putVerified(_ cid: CID, _ data: [UInt8]) throws(BlockstoreError) {
        guard cid.multihash.matches(data) else { throw .hashMismatch(cid) }
        try put(cid, data)
    }
}

/// Why a block store operation failed.
public enum BlockstoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A block that had to be present is not.
    case notFound(CID)
    /// The bytes offered for a CID do not hash to it.
    case hashMismatch(CID)
    /// The storage engine failed (message from the engine, with the operation).
    case backend(String)

    public var description: String {
        switch self {
        case .notFound(let cid): "block \(cid) is not in the store"
        case .hashMismatch(let cid): "block bytes do not hash to \(cid)"
        case .backend(let message): "block store: \(message)"
        }
    }
}
