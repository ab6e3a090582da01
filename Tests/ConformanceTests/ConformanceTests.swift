import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

/// The conformance corpus (filecoin-project/test-vectors, nv0–nv5) against the native VM.
///
/// Every runnable vector is run and summarised by folder. A vector on the committed pass list
/// (`passing.txt`) that fails fails the test; others are reported, so the list only grows.
/// `CONFORMANCE_PASSING_OUT=<file>` writes the currently passing vectors there.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct ConformanceTests {
    static let passListURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("passing.txt")

    @Test(.enabled(if: PythonOracle.available(modules: ["zlib"]) || ProcessInfo.processInfo.environment["CI"] == "true"))
    func corpus() async throws {
        let corpus = try TestVectors.url("conformance/corpus")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("venus-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let listed = try #require(
            try PythonOracle.call("conformance_extract.py", input: ["corpus": corpus.path, "out": output.path]) as? [[String: Any]])
        #expect(listed.count == 858)
        let filter = ProcessInfo.processInfo.environment["CONFORMANCE_FILTER"]
        let jobs = listed.compactMap { entry -> (String, String, String?)? in
            guard let vector = entry["vector"] as? String, let car = entry["car"] as? String else { return nil }
            if let filter, !vector.contains(filter) { return nil }
            return (vector, car, entry["trace"] as? String)
        }
        let registry = ActorRegistry.builtin()
        var outcomes: [String: ConformanceRunner.Outcome] = [:]
        try await withThrowingTaskGroup(of: (String, ConformanceRunner.Outcome).self) { group in
            var iterator = jobs.makeIterator()
            let width = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
            func enqueue() {
                guard let (vector, car, trace) = iterator.next() else { return }
                group.addTask {
                    (vector, Self.runOne(corpus: corpus, vector: vector, car: car, trace: trace, registry: registry))
                }
            }
            for _ in 0..<width { enqueue() }
            while let (vector, outcome) = try await group.next() {
                outcomes[vector] = outcome
                enqueue()
            }
        }
        let passList = Set(
            (try? String(contentsOf: Self.passListURL, encoding: .utf8))?.split(separator: "\n").map(String.init)
                .filter { !$0.isEmpty && !$0.hasPrefix("#") } ?? [])
        var byFolder: [String: (pass: Int, run: Int)] = [:]
        var passing: [String] = []
        var skipped = 0
        var reasons: [String: [String: Int]] = [:]
        for (vector, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            let folder = String(vector.split(separator: "/").first ?? "")
            switch outcome {
            case .pass:
                byFolder[folder, default: (0, 0)].pass += 1
                byFolder[folder, default: (0, 0)].run += 1
                passing.append(vector)
            case .fail(let why, let reason):
                byFolder[folder, default: (0, 0)].run += 1
                reasons[folder, default: [:]][reason, default: 0] += 1
                if passList.contains(vector) {
                    Issue.record("\(vector) is on the pass list but fails: \(why)")
                } else if ProcessInfo.processInfo.environment["CONFORMANCE_VERBOSE"] != nil {
                    print("conformance FAIL \(vector): \(why)")
                }
            case .skip:
                skipped += 1
            }
        }
        let total = byFolder.values.reduce((0, 0)) { ($0.0 + $1.pass, $0.1 + $1.run) }
        let folders = byFolder.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.pass)/\($0.value.run)" }
        print("conformance: \(total.0)/\(total.1) vectors pass (\(skipped) hinted incorrect skipped); " + folders.joined(separator: ", "))
        // The audit: why each folder's failures fail, by reason class, most frequent first.
        for (folder, counts) in reasons.sorted(by: { $0.key < $1.key }) {
            let listed = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            print("conformance: \(folder) failures: " + listed.map { "\($0.value) \($0.key)" }.joined(separator: "; "))
        }
        let missing = passList.subtracting(outcomes.keys)
        if filter == nil { #expect(missing.isEmpty, "pass-list vectors not in the corpus: \(missing.sorted().prefix(5))") }
        if filter == nil || filter?.hasPrefix("transfer") == true {
            let transfers = jobs.filter { $0.0.hasPrefix("transfer/") }
            if let rate = try Self.throughput(corpus: corpus, jobs: transfers) {
                print("conformance: transfer vectors applied at \(Int(rate)) messages/s (one VM per message, state flushed)")
            }
        }
        if let out = ProcessInfo.processInfo.environment["CONFORMANCE_PASSING_OUT"] {
            try (passing.sorted().joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    /// Messages applied per second over the transfer vectors: each message on a fresh VM over
    /// the previous root, then flushed, as the runner does; rounds repeat for at least a second.
    private static func throughput(corpus: URL, jobs: [(String, String, String?)]) throws -> Double? {
        var prepared: [(ConformanceVector, [(cid: CID, data: [UInt8])])] = []
        for (vector, car, _) in jobs {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: corpus.appendingPathComponent(vector)))
            guard let object = json as? [String: Any] else { continue }
            let parsed = try ConformanceVector(path: vector, json: object)
            guard parsed.kind == "message", !parsed.hints.contains("incorrect") else { continue }
            let reader = try CARReader(bytes: Array(Data(contentsOf: URL(fileURLWithPath: car))))
            prepared.append((parsed, try reader.allBlocks().map { (cid: $0.cid, data: $0.data) }))
        }
        guard !prepared.isEmpty else { return nil }
        let registry = ActorRegistry.builtin()
        let clock = ContinuousClock()
        var applied = 0
        let start = clock.now
        while clock.now - start < .seconds(1) {
            for (vector, blocks) in prepared {
                guard let variant = vector.variants.first else { continue }
                let store = MemoryBlockstore(blocks)
                var root = vector.preRoot
                for applyMessage in vector.messages {
                    let message = try Message(cborBytes: applyMessage.bytes)
                    let config = VMConfig(
                        epoch: variant.epoch + applyMessage.epochOffset, networkVersion: variant.networkVersion,
                        circulatingSupply: ConformanceRunner.defaultCirculatingSupply)
                    let vm = try VM(stateRoot: root, store: store, config: config, registry: registry)
                    _ = try vm.applyMessage(message, chainLength: VM.chainLength(of: message))
                    root = try vm.flush()
                    applied += 1
                }
            }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(applied) / seconds
    }

    private static func runOne(corpus: URL, vector: String, car: String, trace: String?, registry: ActorRegistry) -> ConformanceRunner.Outcome {
        do {
            let data = try Data(contentsOf: corpus.appendingPathComponent(vector))
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                return .fail("vector is not a JSON object")
            }
            let parsed = try ConformanceVector(path: vector, json: json)
            let reader = try CARReader(bytes: Array(Data(contentsOf: URL(fileURLWithPath: car))))
            let blocks = try reader.allBlocks().map { (cid: $0.cid, data: $0.data) }
            var traceJSON: [[String: Any]]? = nil
            if let trace, let traceData = try? Data(contentsOf: URL(fileURLWithPath: trace)) {
                traceJSON = try? JSONSerialization.jsonObject(with: traceData) as? [[String: Any]]
            }
            var actors = registry
            if parsed.selector["chaos_actor"] == "true" { actors.register(ChaosActor.code, ChaosActor()) }
            return ConformanceRunner(vector: parsed, blocks: blocks, trace: traceJSON, registry: actors).run()
        } catch {
            return .fail("could not load: \(error)")
        }
    }
}
