import DagCBOR
import FilecoinTypes
import IPLD

/// What `venus snapshot inspect` reports about a CAR (a genesis file or a chain snapshot):
/// every block's CID is verified while loading, then the head's state tree is read.
public struct SnapshotSummary: Hashable, Sendable {
    public var roots: [CID]
    public var blocks: Int
    public var height: Int64
    public var timestamp: UInt64
    public var stateRoot: CID
    public var stateVersion: UInt64
    public var network: String
    public var actors: Int
    public var totalBalance: TokenAmount

    /// Reads `bytes` (CARv1, or zstd-compressed CARv1 when it starts with the zstd magic) into
    /// memory and inspects it.
    public static func inspect(_ bytes: [UInt8]) throws(StateTreeError) -> SnapshotSummary {
        let store = MemoryBlockstore()
        if bytes.starts(with: zstdMagic) {
            let source: ZstdByteSource<MemoryByteSource>
            do { source = try ZstdByteSource(MemoryByteSource(bytes)) } catch { throw .car(.unreadable(offset: 0, reason: "\(error)")) }
            return try inspect(source, into: store)
        }
        return try inspect(MemoryByteSource(bytes), into: store)
    }

    /// Streams the file at `path` (`.car`, or zstd-compressed when it starts with the zstd magic)
    /// into `store`, so a snapshot larger than memory can be inspected through a disk store.
    public static func inspect(path: String, into store: some Blockstore) throws(StateTreeError) -> SnapshotSummary {
        let file: FileByteSource, magic: [UInt8]
        var zstd: ZstdByteSource<FileByteSource>?
        do throws(ByteSourceError) {
            var sniff = try FileByteSource(path: path)
            magic = try sniff.read(maxLength: zstdMagic.count)
            file = try FileByteSource(path: path)
            if magic == zstdMagic { zstd = try ZstdByteSource(file) }
        } catch {
            throw .car(.unreadable(offset: 0, reason: "\(error)"))
        }
        if let zstd { return try inspect(zstd, into: store) }
        return try inspect(file, into: store)
    }

    /// Verifies and stores every block of the CAR read from `source`, then reads its first root as
    /// the head block header and walks that header's state tree.
    public static func inspect<Source: ByteSource>(_ source: Source, into store: some Blockstore) throws(StateTreeError) -> SnapshotSummary {
        var reader: CARStreamReader<Source>
        do throws(CARError) { reader = try CARStreamReader(source) } catch { throw .car(error) }
        let blocks: Int
        do { blocks = try reader.copyBlocks(into: store) } catch {
            switch error {
            case .car(let error): throw .car(error)
            case .body(let error): throw .store(error)
            }
        }
        guard let head = reader.roots.first else { throw .noRoots }
        let header: BlockHeader
        do {
            header = try BlockHeader(cborBytes: try store.getRequired(head))
        } catch let error as BlockstoreError {
            throw .store(error)
        } catch {
            throw .malformedHeader(head, "\(error)")
        }
        let tree = try StateTreeView(root: header.parentStateRoot, store: store)
        var actors = 0
        var total = TokenAmount.zero
        do {
            try tree.forEachActor { _, actor in
                actors += 1
                total += actor.balance
            }
        } catch let error as StateTreeError {
            throw error
        } catch let error as HAMTError {
            throw .hamt(error)
        } catch {
            throw .malformedStateRoot(tree.root, "\(error)")
        }
        return SnapshotSummary(
            roots: reader.roots, blocks: blocks, height: header.height, timestamp: header.timestamp,
            stateRoot: header.parentStateRoot, stateVersion: tree.version, network: try tree.networkName(),
            actors: actors, totalBalance: total)
    }

    private static let zstdMagic: [UInt8] = [0x28, 0xb5, 0x2f, 0xfd]
}
