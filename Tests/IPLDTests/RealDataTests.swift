import DagCBOR
import FilecoinCrypto
import Foundation
import IPLD
import Testing
import VenusTesting

/// HAMTs and AMTs written by go-hamt-ipld / go-amt-ipld in the real genesis archives and the
/// conformance corpus: each loads strictly, re-encodes to its own blocks, and rebuilding it
/// from its contents alone (in random order) reproduces the root CID.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct RealDataTests {
    private func genesis(_ network: String) throws -> (blocks: [(cid: CID, data: [UInt8])], store: MemoryBlockstore, stateRoot: CID) {
        let bytes = try Zstd.decompress(Array(TestVectors.data("genesis/\(network).car.zst")))
        let blocks = try CARReader(bytes: bytes).allBlocks().map { (cid: $0.cid, data: $0.data) }
        let json = try JSONSerialization.jsonObject(with: TestVectors.data("genesis/expected.json")) as? [String: Any]
        let header = (json?[network] as? [String: Any])?["genesis_header"] as? [String: Any]
        let stateRoot = try CID(string: header?["ParentStateRoot"] as? String ?? "")
        return (blocks, MemoryBlockstore(blocks), stateRoot)
    }

    /// Both genesis states were written by specs-actors v0: a version 0 state tree, which is the
    /// actors HAMT itself in go-hamt-ipld's legacy encoding.
    @Test(arguments: ["mainnet", "calibnet"])
    func genesisStateIsALegacyBareHAMT(network: String) throws {
        let (blocks, store, stateRoot) = try genesis(network)
        #expect(throws: HAMTError.self) { try HAMT(loading: stateRoot, store: store, parameters: .filecoin).entries() }
        let actors = try HAMT(loading: stateRoot, store: store, parameters: .filecoinV0)
        let entries = try actors.entries()
        #expect(entries.count > 10)
        var rebuilt = HAMT(store: MemoryBlockstore(), parameters: .filecoinV0)
        for entry in entries.reversed() { try rebuilt.set(entry.key, entry.value) }
        #expect(try rebuilt.flush() == stateRoot)
        let report = StructureScan.scan(blocks, store: store, seed: 11)
        #expect(report.failures == [])
        #expect(report.incomplete == 0)
        #expect(report.hamtRoots > 5 && report.amtRoots > 0)
    }

    @Test(.enabled(if: PythonOracle.available(modules: ["zlib"]) || ProcessInfo.processInfo.environment["CI"] == "true"))
    func conformancePreconditionStructuresRebuild() throws {
        let vectors = try ConformanceCARs.load()
        #expect(vectors.count > 800)
        var totals = StructureScan.Report()
        for (index, vector) in vectors.enumerated() {
            let blocks = try CARReader(bytes: vector.car).allBlocks().map { (cid: $0.cid, data: $0.data) }
            let store = MemoryBlockstore(blocks)
            #expect(try store.has(vector.preStateRoot), "\(vector.name): precondition root missing")
            // Scanning every vector is slow in debug builds; every 8th covers each folder.
            guard index % 8 == 0 else { continue }
            let report = StructureScan.scan(blocks, store: store, seed: UInt64(index))
            #expect(report.failures == [], "\(vector.name)")
            totals.hamtRoots += report.hamtRoots
            totals.amtRoots += report.amtRoots
            totals.incomplete += report.incomplete
        }
        #expect(totals.hamtRoots > 100 && totals.amtRoots > 10)
    }
}
