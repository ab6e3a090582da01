import DagCBOR
import IPLD

/// What `venus snapshot inspect` reports about a CAR (a genesis file or a chain snapshot):
/// every block's CID is verified while loading, then the head's state tree is read.
public struct SnapshotSummary: Hashable, Sendable {
    public var roots: [CID]
    public var blocks: Int
    public var height: UInt64
    public var timestamp: UInt64
    public var stateRoot: CID
    public var stateVersion: UInt64
    public var network: String
    public var actors: Int
    public var totalBalance: AttoFIL

    /// Reads `bytes` (CARv1, or zstd-compressed CARv1 when it starts with the zstd magic).
    public static func inspect(_ bytes: [UInt8]) throws(StateTreeError) -> SnapshotSummary {
        var car = bytes
        if bytes.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) {
            do { car = try Zstd.decompress(bytes) } catch { throw .zstd(error) }
        }
        let reader: CARReader
        let blocks: [CARBlock]
        do {
            reader = try CARReader(bytes: car)
            blocks = try reader.allBlocks()
        } catch {
            throw .car(error)
        }
        let store = MemoryBlockstore(blocks.lazy.map { (cid: $0.cid, data: $0.data) })
        guard let head = reader.roots.first else { throw .noRoots }
        let header = try HeaderFields(cid: head, store: store)
        let tree = try StateTree(root: header.parentStateRoot, store: store)
        var actors = 0
        var total = AttoFIL.zero
        do {
            try tree.forEachActor { _, actor in
                actors += 1
                total = total + actor.balance
            }
        } catch let error as StateTreeError {
            throw error
        } catch let error as HAMTError {
            throw .hamt(error)
        } catch {
            throw .malformedStateRoot(tree.root, "\(error)")
        }
        return SnapshotSummary(
            roots: reader.roots, blocks: blocks.count, height: header.height, timestamp: header.timestamp,
            stateRoot: header.parentStateRoot, stateVersion: tree.version, network: try tree.networkName(),
            actors: actors, totalBalance: total)
    }

    /// The three block-header fields the summary needs (the 16-field header array: Height at
    /// index 7, ParentStateRoot at 8, Timestamp at 12); FilecoinTypes' BlockHeader decodes the rest.
    struct HeaderFields {
        var height: UInt64
        var parentStateRoot: CID
        var timestamp: UInt64

        init(cid: CID, store: any Blockstore) throws(StateTreeError) {
            do {
                var reader = CBORReader(bytes: try store.getRequired(cid))
                try reader.readArrayHeader(expected: 16)
                for _ in 0..<7 { try reader.skipValue() }
                height = try reader.readUnsigned()
                parentStateRoot = try reader.readCID()
                for _ in 9..<12 { try reader.skipValue() }
                timestamp = try reader.readUnsigned()
                for _ in 13..<16 { try reader.skipValue() }
                try reader.finish()
            } catch let error as BlockstoreError {
                throw .store(error)
            } catch {
                throw .malformedHeader(cid, "\(error)")
            }
        }
    }
}
