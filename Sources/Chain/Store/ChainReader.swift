import DagCBOR
import FilecoinTypes
import IPLD

/// Synchronous, uncached reads of the chain's headers and tipsets straight from the block store,
/// for code that cannot await the ``ChainStore`` actor: the VM's randomness source runs inside
/// synchronous block application. A value; safe from any thread.
public struct ChainReader: Sendable {
    public let store: any Blockstore

    public init(store: any Blockstore) { self.store = store }

    public func blockHeader(_ cid: CID) throws(ChainStoreError) -> BlockHeader {
        let bytes: [UInt8]?
        do { bytes = try store.get(cid) } catch { throw .from(error) }
        guard let bytes else { throw .missingBlock(cid) }
        return try Self.decodeHeader(bytes, cid: cid)
    }

    /// The tipset of `key`; the key must name its blocks in tipset order.
    public func tipSet(_ key: TipSetKey) throws(ChainStoreError) -> TipSet {
        guard !key.cids.isEmpty else { throw .invalidTipSet(key, "the key names no blocks") }
        var headers: [BlockHeader] = []
        for cid in key.cids { headers.append(try blockHeader(cid)) }
        let tipset: TipSet
        do { tipset = try TipSet(blocks: headers) } catch { throw .invalidTipSet(key, "\(error)") }
        guard tipset.key == key else { throw .invalidTipSet(key, "the key is not in tipset order (expected \(tipset.key))") }
        return tipset
    }

    /// Lotus `GetTipsetByHeight` from `start` (see ``ChainStore/tipSet(atHeight:from:prev:)``).
    public func tipSet(atHeight height: Int64, from start: TipSet, prev: Bool) throws(ChainStoreError) -> TipSet {
        guard height >= 0, height <= start.height else { throw .heightOutOfRange(requested: height, from: start.height) }
        var current = start
        while current.height > height {
            let parent = try tipSet(current.parents)
            if parent.height < height { return prev ? parent : current }
            current = parent
        }
        return current
    }

    /// The newest beacon entry at or behind `tipset`, searching back at most 20 tipsets (Lotus
    /// `GetLatestBeaconEntry`).
    public func latestBeaconEntry(_ tipset: TipSet) throws(ChainStoreError) -> BeaconEntry {
        var current = tipset
        for _ in 0..<20 {
            if let entry = current.blocks[0].beaconEntries.last { return entry }
            guard current.height > 0 else { throw .noBeaconEntry(tipset.key, "reached genesis without finding a beacon entry") }
            current = try tipSet(current.parents)
        }
        throw .noBeaconEntry(tipset.key, "no beacon entry in the 20 latest tipsets")
    }

    static func decodeHeader(_ bytes: [UInt8], cid: CID) throws(ChainStoreError) -> BlockHeader {
        do { return try BlockHeader(cborBytes: bytes) } catch { throw .malformedBlockHeader(cid, "\(error)") }
    }
}
