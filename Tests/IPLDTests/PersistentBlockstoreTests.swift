import DagCBOR
import FilecoinCrypto
import Foundation
import IPLD
import Testing

/// Both on-disk stores: blocks survive reopening, a HAMT flushed into one loads back from it.
struct PersistentBlockstoreTests {
    enum Kind: String, CaseIterable, Sendable { case lmdb, sqlite }

    private func open(_ kind: Kind, _ path: String) throws -> any Blockstore {
        switch kind {
        case .lmdb: try LMDBBlockstore(path: path, mapSize: 1 << 26)
        case .sqlite: try SQLiteBlockstore(path: path)
        }
    }

    @Test(arguments: Kind.allCases)
    func blocksSurviveReopeningAndHAMTsLoadFromDisk(kind: Kind) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("venus-blocks-\(UUID().uuidString).\(kind)").path
        defer {
            for suffix in ["", "-wal", "-shm", "-lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        var root: CID
        do {
            let store = try open(kind, path)
            var hamt = HAMT(store: store)
            for n in 0..<300 { try hamt.set(Array("k\(n)".utf8), CBORValue.unsigned(UInt64(n)).cborBytes) }
            root = try hamt.flush()
            let empty = [UInt8]()
            let emptyCID = try CID.hashing(empty, codec: Multicodec.raw, hash: Multihash.sha2_256)
            try store.put(emptyCID, empty)
            #expect(try store.get(emptyCID) == [])
            try store.put(emptyCID, empty)  // again: harmless
        }
        let reopened = try open(kind, path)
        let hamt = try HAMT(loading: root, store: reopened)
        #expect(try hamt.entries().count == 300)
        #expect(try hamt.get(Array("k42".utf8)) == CBORValue.unsigned(42).cborBytes)
        #expect(try hamt.verifyStoredNodes() > 0)
        let absent = CID.filecoin(cbor: [0xf6])
        #expect(try reopened.get(absent) == nil)
        #expect(try reopened.has(absent) == false)
        #expect(try reopened.has(root))
    }

    @Test(arguments: Kind.allCases)
    func anUnopenableFileIsAClearError(kind: Kind) {
        #expect(throws: BlockstoreError.self) { try open(kind, "/nonexistent-dir/blocks.\(kind)") }
    }

    /// Readers run while writers commit, from many tasks at once: every read sees either nothing or
    /// exactly the bytes put under that CID, and every block is there at the end.
    @Test(arguments: Kind.allCases)
    func concurrentReadersAndWritersSeeConsistentBlocks(kind: Kind) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("venus-conc-\(UUID().uuidString).\(kind)").path
        defer {
            for suffix in ["", "-wal", "-shm", "-lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try open(kind, path)
        let blocks: [(cid: CID, data: [UInt8])] = (0..<2000).map { n in
            let data = CBORValue.array([.unsigned(UInt64(n)), .text("block \(n)")]).cborBytes
            return (CID.filecoin(cbor: data), data)
        }
        let wrong = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for batch in stride(from: writer * 500, to: writer * 500 + 500, by: 50) {
                        try store.putMany(Array(blocks[batch..<batch + 50]))
                    }
                    return 0
                }
            }
            for reader in 0..<4 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<3000 {
                        let block = blocks[(round * 7 + reader * 131) % blocks.count]
                        if let data = try store.get(block.cid), data != block.data { wrong += 1 }
                    }
                    return wrong
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(wrong == 0)
        for block in blocks { #expect(try store.get(block.cid) == block.data) }
    }
}
