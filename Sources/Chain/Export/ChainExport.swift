import DagCBOR
import FilecoinTypes
import IPLD

/// Chain snapshots as CARv1 files, as Lotus's `ChainStore.Export` writes them and `Import` reads
/// them (`lotus chain export`, `daemon --import-snapshot`).
///
/// Export: the roots are the head tipset's CIDs. Every header from the head back to genesis is
/// written; the messages of every block (or only of the recent range with
/// `skipOldMessages`); for the recent range (heights above `head − recentRoots`) and for the
/// genesis, the full parent state trees and the receipts. Links are followed through DAG-CBOR
/// blocks; raw blocks are written but not parsed; identity CIDs and other codecs (piece and
/// sector commitments) are not blocks and are skipped, as Lotus skips them. Each block is
/// written once. Unlike Lotus, which writes only the root block of a receipts AMT, the whole
/// receipts AMT is written, so that an imported recent range answers receipt queries.
public enum ChainExport {
    /// What an export wrote.
    public struct Summary: Hashable, Sendable {
        public var roots: [CID]
        public var blocks: Int
        public var bytes: Int
        public var headers: Int
    }

    /// Writes the snapshot of the chain ending at `head` to `output` in CAR frames.
    @discardableResult
    public static func export(
        head: TipSet, recentRoots: Int64, skipOldMessages: Bool = false, store: any Blockstore,
        output: @escaping ([UInt8]) throws -> Void
    ) throws(ChainExportError) -> Summary {
        let writer: CARWriter
        do { writer = try CARWriter(roots: head.cids, output: output) } catch { throw .output("\(error)") }
        var walker = Walker(store: store, writer: writer)
        var headers = 0
        var pending = head.cids
        let recentFloor = head.height - recentRoots
        while let cid = pending.popLast() {
            guard walker.visit(cid) else { continue }
            let bytes = try walker.read(cid)
            let header: BlockHeader
            do { header = try BlockHeader(cborBytes: bytes) } catch { throw .malformedHeader(cid, "\(error)") }
            try walker.write(cid, bytes)
            headers += 1
            let recent = header.height > recentFloor
            if !skipOldMessages || recent { try walker.writeDAG(header.messages) }
            if header.height > 0 {
                pending.append(contentsOf: header.parents.reversed())
            }
            if header.height == 0 || recent {
                try walker.writeDAG(header.parentStateRoot)
                try walker.writeDAG(header.parentMessageReceipts)
            }
        }
        return Summary(roots: head.cids, blocks: walker.writer.blockCount, bytes: walker.writer.offset, headers: headers)
    }

    /// Export into memory (tests, small devnet chains).
    public static func exportBytes(
        head: TipSet, recentRoots: Int64, skipOldMessages: Bool = false, store: any Blockstore
    ) throws(ChainExportError) -> [UInt8] {
        let sink = ByteSink()
        try export(head: head, recentRoots: recentRoots, skipOldMessages: skipOldMessages, store: store) { sink.bytes += $0 }
        return sink.bytes
    }

    /// Reads a snapshot from `source` into `store` (every block checked against its CID, stored
    /// in batches) and returns the tipset its roots name (Lotus `ChainStore.Import`). Nothing
    /// marks it as the head: see ``importSnapshot(_:into:)``.
    public static func importCAR<Source: ByteSource>(_ source: Source, into store: any Blockstore) throws(ChainExportError) -> TipSet {
        var reader: CARStreamReader<Source>
        do { reader = try CARStreamReader(source) } catch { throw .car(error) }
        do { try reader.copyBlocks(into: store) } catch {
            switch error {
            case .car(let error): throw .car(error)
            case .body(let error): throw .store("\(error)")
            }
        }
        guard !reader.roots.isEmpty else { throw .noRoots }
        do { return try ChainReader(store: store).tipSet(TipSetKey(reader.roots)) } catch { throw .chain(error) }
    }

    /// `venus daemon --import-snapshot`: imports the snapshot into the chain's block store, checks
    /// every header back to genesis is present, records the genesis (refused if the chain has
    /// another) and makes the snapshot's tipset the head. Returns that tipset.
    @discardableResult
    public static func importSnapshot<Source: ByteSource>(_ source: Source, into chain: ChainStore) async throws(ChainExportError) -> TipSet {
        let head = try importCAR(source, into: chain.blockstore)
        let reader = ChainReader(store: chain.blockstore)
        var cursor = head
        do {
            while cursor.height > 0 { cursor = try reader.tipSet(cursor.parents) }
            try await chain.setGenesis(cursor.blocks[0])
            try await chain.setHead(head)
        } catch {
            throw .chain(error)
        }
        return head
    }

    /// The depth-first walk of one export: a visited set shared by the whole export.
    private struct Walker {
        let store: any Blockstore
        var writer: CARWriter
        var seen = Set<CID>()

        init(store: any Blockstore, writer: CARWriter) {
            self.store = store
            self.writer = writer
        }

        mutating func visit(_ cid: CID) -> Bool { seen.insert(cid).inserted }

        func read(_ cid: CID) throws(ChainExportError) -> [UInt8] {
            let bytes: [UInt8]?
            do { bytes = try store.get(cid) } catch { throw .store("\(error)") }
            guard let bytes else { throw .missingBlock(cid) }
            return bytes
        }

        mutating func write(_ cid: CID, _ bytes: [UInt8]) throws(ChainExportError) {
            do { try writer.write(cid: cid, data: bytes) } catch { throw .output("\(error)") }
        }

        /// Writes `root` and every block reachable from it through DAG-CBOR links.
        mutating func writeDAG(_ root: CID) throws(ChainExportError) {
            var stack = [root]
            while let cid = stack.popLast() {
                guard cid.multihash.code != Multihash.identity else { continue }
                guard cid.codec == Multicodec.dagCBOR || cid.codec == Multicodec.raw else { continue }
                guard visit(cid) else { continue }
                let bytes = try read(cid)
                try write(cid, bytes)
                guard cid.codec == Multicodec.dagCBOR else { continue }
                let value: CBORValue
                do { value = try CBORValue(cborBytes: bytes) } catch { throw .malformedBlock(cid, "\(error)") }
                var links: [CID] = []
                Self.collectLinks(value, into: &links)
                stack.append(contentsOf: links.reversed())
            }
        }

        static func collectLinks(_ value: CBORValue, into links: inout [CID]) {
            switch value {
            case .cid(let cid): links.append(cid)
            case .array(let values): for element in values { collectLinks(element, into: &links) }
            case .map(let entries): for entry in entries { collectLinks(entry.value, into: &links) }
            default: break
            }
        }
    }

    private final class ByteSink {
        var bytes: [UInt8] = []
    }
}
