import ChainState
import DagCBOR
import Foundation
import IPLD
import Testing
import VenusTesting

/// Every precondition state tree of the conformance corpus (nv0–nv5: state tree versions 0 and 1)
/// loads, and every actor in it decodes.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct ConformanceStateTests {
    @Test(.enabled(if: PythonOracle.available(modules: ["zlib"]) || ProcessInfo.processInfo.environment["CI"] == "true"))
    func everyPreconditionStateRootLoads() throws {
        let corpus = try TestVectors.url("conformance/corpus")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("venus-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let listed = try #require(try PythonOracle.call("conformance_extract.py", input: ["corpus": corpus.path, "out": output.path]) as? [[String: Any]])
        #expect(listed.count > 800)
        var versions: [UInt64: Int] = [:]
        var actors = 0
        var complete = 0
        var partial: [String] = []
        var noInit: [String] = []
        for entry in listed {
            let name = entry["vector"] as? String ?? "?"
            let car = try CARReader(bytes: Array(Data(contentsOf: URL(fileURLWithPath: entry["car"] as? String ?? ""))))
            let store = MemoryBlockstore(try car.allBlocks().map { (cid: $0.cid, data: $0.data) })
            let tree = try StateTreeView(root: CID(string: entry["root"] as? String ?? ""), store: store)
            versions[tree.version, default: 0] += 1
            // Extracted vectors keep only the blocks their messages touched: a missing block is
            // expected there, anything else (a malformed node or actor) is a failure.
            var count = 0
            switch Result(catching: { () throws(any Error) in try tree.forEachActor { _, _ in count += 1 } }) {
            case .success: complete += 1; actors += count
            case .failure(let error):
                #expect(Self.isMissingBlock(error), "\(name): \(error)")
                partial.append(name)
            }
            switch Result(catching: { () throws(StateTreeError) in try tree.networkName() }) {
            case .success(let network): #expect(!network.isEmpty, "\(name)")
            case .failure(let error):
                #expect(Self.isMissingBlock(error), "\(name): \(error)")
                noInit.append(name)
            }
        }
        print("conformance: \(complete) complete state trees, \(partial.count) partial (\(partial.prefix(3))), \(noInit.count) without init state (\(noInit.prefix(3)))")
        // Only the vectors extracted from mainnet messages carry partial trees; generated ones are whole.
        #expect(partial.allSatisfy { $0.hasPrefix("extracted/") }, "\(partial.filter { !$0.hasPrefix("extracted/") })")
        #expect(complete > 250)
        #expect(versions[0, default: 0] > 0 && versions[1, default: 0] > 0)
        #expect(actors > complete * 5)
    }

    private static func isMissingBlock(_ error: any Error) -> Bool {
        switch error as? StateTreeError {
        case .hamt(.store(.notFound))?, .store(.notFound)?: true
        default: false
        }
    }
}
