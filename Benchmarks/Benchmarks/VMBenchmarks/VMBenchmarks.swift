import Benchmark
import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD

/// One conformance vector reduced to what applying it needs: its pre-state blocks, root,
/// first variant's epoch and network version, and its messages.
struct TransferVector: Sendable {
    var blocks: [(cid: CID, data: [UInt8])]
    var preRoot: CID
    var epoch: Int64
    var networkVersion: UInt64
    var messages: [(message: Message, chainLength: Int, epochOffset: Int64)]
}

enum VMFixtureError: Error, CustomStringConvertible {
    case vectorsMissing(String)
    case unpackFailed(String)
    case malformed(String)

    var description: String {
        switch self {
        case .vectorsMissing(let path): "conformance corpus not found at \(path) (set VENUS_TEST_VECTORS)"
        case .unpackFailed(let why): "could not unpack the transfer vectors: \(why)"
        case .malformed(let why): "malformed transfer vector: \(why)"
        }
    }
}

/// The 40 runnable `transfer` vectors of the conformance corpus, loaded once. Python unpacks the
/// gzipped CARs (Foundation on Linux has no gzip); the CARs and messages are decoded here.
enum TransferVectors {
    static let corpus: URL = {
        if let fromEnvironment = ProcessInfo.processInfo.environment["VENUS_TEST_VECTORS"] {
            return URL(fileURLWithPath: fromEnvironment).appendingPathComponent("conformance/corpus/transfer")
        }
        // Benchmarks/Benchmarks/VMBenchmarks/VMBenchmarks.swift -> project root -> ../shared/vectors
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { root.deleteLastPathComponent() }
        return root.appendingPathComponent("shared/vectors/conformance/corpus/transfer")
    }()

    /// Prints, per vector, the gunzipped CAR (base64) and the fields the VM needs.
    static let unpacker = """
        import base64, gzip, json, os, sys
        folder = sys.argv[1]
        out = []
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(folder, name)) as handle:
                v = json.load(handle)
            if v.get("class") != "message" or "incorrect" in (v.get("hints") or []):
                continue
            variant = v["preconditions"]["variants"][0]
            out.append({
                "car": base64.b64encode(gzip.decompress(base64.b64decode(v["car"]))).decode(),
                "root": v["preconditions"]["state_tree"]["root_cid"]["/"],
                "epoch": variant["epoch"], "nv": variant["nv"],
                "messages": [[m["bytes"], m.get("epoch_offset") or 0] for m in v["apply_messages"]],
            })
        json.dump(out, sys.stdout)
        """

    static func load() throws -> [TransferVector] {
        guard FileManager.default.fileExists(atPath: corpus.path) else { throw VMFixtureError.vectorsMissing(corpus.path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", unpacker, corpus.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw VMFixtureError.unpackFailed("python3 exited \(process.terminationStatus)") }
        guard let list = try JSONSerialization.jsonObject(with: output) as? [[String: Any]] else {
            throw VMFixtureError.unpackFailed("output is not a JSON list")
        }
        return try list.map { entry in
            guard let car = (entry["car"] as? String).flatMap({ Data(base64Encoded: $0) }),
                let root = entry["root"] as? String,
                let epoch = (entry["epoch"] as? NSNumber)?.int64Value,
                let nv = (entry["nv"] as? NSNumber)?.uint64Value,
                let messages = entry["messages"] as? [[Any]]
            else { throw VMFixtureError.malformed("missing field") }
            let blocks = try CARReader(bytes: Array(car)).allBlocks().map { (cid: $0.cid, data: $0.data) }
            let decoded = try messages.map { pair -> (message: Message, chainLength: Int, epochOffset: Int64) in
                guard pair.count == 2, let text = pair[0] as? String, let bytes = Data(base64Encoded: text) else {
                    throw VMFixtureError.malformed("message bytes")
                }
                let message = try Message(cborBytes: Array(bytes))
                return (message, VM.chainLength(of: message), (pair[1] as? NSNumber)?.int64Value ?? 0)
            }
            return TransferVector(blocks: blocks, preRoot: try CID(string: root), epoch: epoch, networkVersion: nv, messages: decoded)
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(5), maxIterations: 20_000)

    let vectors: [TransferVector]
    do { vectors = try TransferVectors.load() } catch {
        print("VMBenchmarks: skipped, \(error)")
        return
    }
    let messageCount = vectors.reduce(0) { $0 + $1.messages.count }
    let registry = ActorRegistry.builtin()
    let supply = TokenAmount(attoFIL: TokenAmount.attoFILPerFIL * 2_000_000_000)

    // One iteration applies every message of every transfer vector (one message each) as Lotus's
    // conformance runner does: a fresh VM over the previous root per message, then flush. Only
    // VM construction + apply + flush is measured; the stores holding each pre-state are built
    // before, so every iteration starts from the vectors' pre-states.
    Benchmark("VM apply+flush, \(vectors.count) transfer vectors (\(messageCount) messages per iteration)", closure: { benchmark in
        for _ in benchmark.scaledIterations {
            let stores = vectors.map { MemoryBlockstore($0.blocks) }
            benchmark.startMeasurement()
            for (vector, store) in zip(vectors, stores) {
                var root = vector.preRoot
                for applied in vector.messages {
                    let config = VMConfig(
                        epoch: vector.epoch + applied.epochOffset, networkVersion: vector.networkVersion,
                        circulatingSupply: supply)
                    let vm = try VM(stateRoot: root, store: store, config: config, registry: registry)
                    blackHole(try vm.applyMessage(applied.message, chainLength: applied.chainLength))
                    root = try vm.flush()
                }
            }
            benchmark.stopMeasurement()
        }
    })
}
