import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

/// The state reader against the real genesis archives and an independent Python walk of the
/// same CARs (Tests/Oracles/state_tree_oracle.py, dag-cbor only).
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct StateTreeTests {
    static let oracleModules = ["dag_cbor", "multiformats"]
    static let oracleEnabled = PythonOracle.available(modules: oracleModules) || ProcessInfo.processInfo.environment["CI"] == "true"

    private func expected(_ network: String) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: TestVectors.data("genesis/expected.json")) as? [String: Any]
        return try #require(json?[network] as? [String: Any])
    }

    @Test(arguments: ["mainnet", "calibnet"])
    func genesisSummaryMatchesExpectedFacts(network: String) throws {
        let summary = try SnapshotSummary.inspect(Array(TestVectors.data("genesis/\(network).car.zst")))
        let facts = try expected(network)
        let header = try #require(facts["genesis_header"] as? [String: Any])
        #expect(summary.network == facts["network_name_in_genesis"] as? String)
        #expect(summary.blocks == facts["block_count"] as? Int)
        #expect(summary.roots.map(\.description) == facts["car_roots"] as? [String])
        #expect(summary.height == 0)
        #expect(summary.timestamp == (header["Timestamp"] as? NSNumber)?.uint64Value)
        #expect(summary.stateRoot.description == header["ParentStateRoot"] as? String)
        #expect(summary.stateVersion == 0)
    }

    @Test(.enabled(if: oracleEnabled, Comment(rawValue: PythonOracle.missingMessage(oracleModules))), arguments: ["mainnet", "calibnet"])
    func genesisStateMatchesTheIndependentWalk(network: String) throws {
        let path = try TestVectors.url("genesis/\(network).car.zst").path
        let oracle = try #require(try PythonOracle.call("state_tree_oracle.py", input: ["car": path]) as? [String: Any])
        let summary = try SnapshotSummary.inspect(Array(TestVectors.data("genesis/\(network).car.zst")))
        #expect(summary.actors == oracle["actors"] as? Int)
        #expect(summary.totalBalance.attoFIL.description == oracle["totalBalance"] as? String)
        #expect(summary.network == oracle["network"] as? String)

        // Every robust address in the init actor's map resolves to the ID the oracle read, and that actor exists.
        let car = try CARReader(bytes: Zstd.decompress(Array(TestVectors.data("genesis/\(network).car.zst"))))
        let store = MemoryBlockstore(try car.allBlocks().map { (cid: $0.cid, data: $0.data) })
        let tree = try StateTreeView(root: summary.stateRoot, store: store)
        #expect(try tree.verifyActorsHAMT() >= 1)
        // The VM's mutable tree over the same root resolves through the same code.
        let mutable = try StateTree(root: summary.stateRoot, store: store)
        let ids = try #require(oracle["ids"] as? [String: Int])
        #expect(!ids.isEmpty)
        for (hex, id) in ids {
            let address = try Address(bytes: bytes(hex: hex))
            #expect(try tree.lookupID(address) == UInt64(id), "\(hex)")
            let byAddress = try tree.actor(at: address)
            let byID = try tree.actor(id: UInt64(id))
            #expect(byAddress != nil && byAddress == byID)
            #expect(try mutable.lookupID(address) == UInt64(id))
            #expect(try mutable.actor(at: address) == byID)
        }
        // The well-known singletons: system (f00), init (f01), reward (f02), cron (f03).
        for (id, name) in [(0, "system"), (1, "init"), (2, "reward"), (3, "cron")] as [(UInt64, String)] {
            #expect(try tree.actor(id: id)?.builtinName == name)
        }
        #expect(try tree.actor(id: 999_999) == nil)
        #expect(try tree.lookupID(Address(bytes: [1] + [UInt8](repeating: 7, count: 20))) == nil)
    }

    /// The streamed path (file -> zstd -> CAR frames -> disk store) reports what the in-memory one does.
    @Test(arguments: ["mainnet", "calibnet"])
    func streamedIntoLMDBMatchesInMemory(network: String) throws {
        let url = try TestVectors.url("genesis/\(network).car.zst")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(network)-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LMDBBlockstore(path: folder.appendingPathComponent("blocks.lmdb").path)
        let streamed = try SnapshotSummary.inspect(path: url.path, into: store)
        #expect(streamed == (try SnapshotSummary.inspect(Array(Data(contentsOf: url)))))
        #expect(try store.has(streamed.stateRoot))
        #expect(throws: StateTreeError.self) { try SnapshotSummary.inspect(path: url.path + ".missing", into: MemoryBlockstore()) }
    }

    @Test func corruptedOrTruncatedSnapshotsNameTheBlock() throws {
        let bytes = try Zstd.decompress(Array(TestVectors.data("genesis/mainnet.car.zst")))
        let last = try #require(try CARReader(bytes: bytes).allBlocks().last)
        var corrupted = bytes
        corrupted[corrupted.count - 2] ^= 0x10
        #expect(throws: StateTreeError.car(.hashMismatch(offset: last.offset, cid: last.cid))) {
            try SnapshotSummary.inspect(corrupted)
        }
        #expect(throws: StateTreeError.car(.truncated(offset: last.offset, cid: last.cid))) {
            try SnapshotSummary.inspect(Array(bytes.dropLast(1)))
        }
        // A CAR whose root is not a block header.
        let archive = CARWriter.archive(roots: [last.cid], blocks: [(last.cid, last.data)])
        #expect(throws: StateTreeError.self) { try SnapshotSummary.inspect(archive) }
    }

    @Test func actorsAreReadAsTheirVersionStoresThem() throws {
        let code = CID.filecoin(cbor: [0x80])
        let actor = CBORValue.array([.cid(code), .cid(code), .unsigned(3), .bytes([0, 1, 0])]).cborBytes
        let parsed = try ActorState(cborBytes: actor, version: 0)
        #expect(parsed.nonce == 3 && parsed.balance == TokenAmount(attoFIL: 256))
        #expect(parsed.cborBytes(version: 4) == actor)
        // Version 5 has a fifth field, the delegated address (null or an address).
        #expect(throws: (any Error).self) { try ActorState(cborBytes: actor, version: 5) }
        let v5 = CBORValue.array([.cid(code), .cid(code), .unsigned(0), .bytes([]), .null]).cborBytes
        #expect(try ActorState(cborBytes: v5, version: 5).delegatedAddress == nil)
        #expect(try ActorState(cborBytes: v5, version: 5).cborBytes(version: 5) == v5)
        let delegated = try Address.delegated(namespace: 10, subaddress: [UInt8](repeating: 0xab, count: 20))
        var withAddress = try ActorState(cborBytes: v5, version: 5)
        withAddress.delegatedAddress = delegated
        #expect(try ActorState(cborBytes: withAddress.cborBytes(version: 5), version: 5).delegatedAddress == delegated)
        // A sign byte other than 0 or 1 is not a balance.
        #expect(throws: (any Error).self) {
            try ActorState(cborBytes: CBORValue.array([.cid(code), .cid(code), .unsigned(3), .bytes([2, 5])]).cborBytes, version: 0)
        }
    }

    private func bytes(hex: String) throws -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(try #require(UInt8(hex[index..<next], radix: 16)))
            index = next
        }
        return out
    }
}
