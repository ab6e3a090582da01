import ChainState
import DagCBOR
import FilecoinTypes
import Foundation
import IPLD
import Testing
import VenusTesting

/// Bad input reaches the VM as exit codes or thrown errors, never as a crash: message parameters
/// of the corpus's passing message vectors are truncated and corrupted, state blocks are damaged.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct MalformedInputTests {
    @Test(.enabled(if: PythonOracle.available(modules: ["zlib"]) || ProcessInfo.processInfo.environment["CI"] == "true"))
    func corruptedParamsAndStateNeverCrash() throws {
        let corpus = try TestVectors.url("conformance/corpus")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("venus-malformed-\(getpid())")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let listed = try #require(
            try PythonOracle.call("conformance_extract.py", input: ["corpus": corpus.path, "out": output.path]) as? [[String: Any]])
        let folders = ["multisig/", "paych/", "actor_creation/", "nested/", "vm_violations/"]
        var registry = ActorRegistry.builtin()
        registry.register(ChaosActor.code, ChaosActor())
        var applied = 0
        var failedCodes = 0
        var generator = SplitMix(seed: 0x5eed)
        for entry in listed {
            guard let path = entry["vector"] as? String, folders.contains(where: path.hasPrefix),
                let car = entry["car"] as? String
            else { continue }
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: corpus.appendingPathComponent(path)))
            let vector = try ConformanceVector(path: path, json: try #require(json as? [String: Any]))
            guard vector.kind == "message", let variant = vector.variants.first else { continue }
            let blocks = try CARReader(bytes: Array(Data(contentsOf: URL(fileURLWithPath: car)))).allBlocks()
                .map { (cid: $0.cid, data: $0.data) }
            for applyMessage in vector.messages {
                var message = try Message(cborBytes: applyMessage.bytes)
                guard message.method != 0 else { continue }
                for round in 0..<4 {
                    var params = message.params
                    switch round {
                    case 0: params = Array(params.prefix(params.count / 2))
                    case 1: if !params.isEmpty { params[Int(generator.next() % UInt64(params.count))] ^= 0xff }
                    case 2: params = (0..<Int(generator.next() % 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                    default: params += [0x00, 0xf6]
                    }
                    message.params = params
                    let config = VMConfig(
                        epoch: variant.epoch, networkVersion: variant.networkVersion,
                        circulatingSupply: ConformanceRunner.defaultCirculatingSupply)
                    let vm = try VM(stateRoot: vector.preRoot, store: MemoryBlockstore(blocks), config: config, registry: registry)
                    do {
                        let result = try vm.applyMessage(message, chainLength: VM.chainLength(of: message))
                        if result.receipt.exitCode != 0 { failedCodes += 1 }
                        #expect(result.receipt.gasUsed <= message.gasLimit)
                    } catch {
                        // Only a fatal error may escape, and only for an unimplemented actor or state the VM cannot read.
                        #expect(error.isFatal, "\(path): \(error)")
                    }
                    applied += 1
                }
            }
        }
        #expect(applied > 100)
        #expect(failedCodes > applied / 2, "corrupted parameters should mostly fail: \(failedCodes) of \(applied)")

        // A damaged state root or actor is an error at load or lookup, not a crash.
        let store = MemoryBlockstore()
        let garbage = try store.putCBOR([0x83, 0x01, 0x02, 0x03])
        let config = VMConfig(epoch: 1, networkVersion: 0, circulatingSupply: .zero)
        #expect(throws: ActorError.self) { _ = try VM(stateRoot: garbage, store: store, config: config, registry: registry) }
        let missing = CID.filecoin(cbor: [0x80, 0x80])
        #expect(throws: ActorError.self) { _ = try VM(stateRoot: missing, store: store, config: config, registry: registry) }
    }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
