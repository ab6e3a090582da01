import DagCBOR
import Synchronization

/// A block store in memory, safe to share between tasks (a mutex guards the dictionary).
public final class MemoryBlockstore: Blockstore {
    private let blocks = Mutex<[CID: [UInt8]]>([:])

    public init() {}

    /// A store holding `blocks` (for instance every block of a CAR file).
    public init(_ initial: some Sequence<(cid: CID, data: [UInt8])>) {
        blocks.withLock { storage in
            for block in initial { storage[block.cid] = block.data }
        }
    }

    public func get(_ cid: CID) throws(BlockstoreError) -> [UInt8]? {
        blocks.withLock { $0[cid] }
    }

    public func put(_ cid: CID, _ data: [UInt8]) throws(BlockstoreError) {
        blocks.withLock { $0[cid] = data }
    }

    public func putMany(_ many: [(cid: CID, data: [UInt8])]) throws(BlockstoreError) {
        blocks.withLock { storage in
            for block in many { storage[block.cid] = block.data }
        }
    }

    public func has(_ cid: CID) throws(BlockstoreError) -> Bool {
        blocks.withLock { $0[cid] != nil }
    }

    /// How many blocks are held.
    public var count: Int { blocks.withLock { $0.count } }

    /// Every CID held, in no particular order.
    public var cids: [CID] { blocks.withLock { Array($0.keys) } }
}
