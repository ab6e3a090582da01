import DagCBOR
import IPLD
import Synchronization

/// Writes held in memory over a backing store: reads see the buffer first, ``flush()`` copies
/// the buffered blocks down in one batch. The VM writes every intermediate state through one, so
/// a message that is never committed leaves the backing store untouched.
public final class BufferedBlockstore: Blockstore {
    public let backing: any Blockstore
    private let buffer = Mutex<[CID: [UInt8]]>([:])

    public init(backing: any Blockstore) { self.backing = backing }

    public func get(_ cid: CID) throws(BlockstoreError) -> [UInt8]? {
        if let data = buffer.withLock({ $0[cid] }) { return data }
        if cid.multihash.code == Multihash.identity { return cid.multihash.digest }
        return try backing.get(cid)
    }

    public func put(_ cid: CID, _ data: [UInt8]) throws(BlockstoreError) {
        buffer.withLock { $0[cid] = data }
    }

    public func has(_ cid: CID) throws(BlockstoreError) -> Bool {
        if buffer.withLock({ $0[cid] != nil }) { return true }
        return try backing.has(cid)
    }

    /// How many blocks wait in the buffer.
    public var bufferedCount: Int { buffer.withLock { $0.count } }

    /// Copies every buffered block to the backing store and empties the buffer.
    public func flush() throws(BlockstoreError) {
        let blocks = buffer.withLock { storage in
            defer { storage.removeAll() }
            return storage.map { (cid: $0.key, data: $0.value) }
        }
        try backing.putMany(blocks)
    }
}
