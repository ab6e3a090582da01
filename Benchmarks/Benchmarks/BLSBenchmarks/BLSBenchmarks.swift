// BLS12-381 timings; Benchmarks/peers/bls_peer.py times the same operations with blspy (blst).
// Run: cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target BLSBenchmarks
import Benchmark
import BLS12381

/// Deterministic inputs shared by the benchmarks (and mirrored by the peer script).
enum Inputs {
    static let message = Array("venus bls benchmark message: a 38 byte".utf8)
    static let key: BLSPrivateKey = {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in 0..<31 { bytes[i] = UInt8((i * 37 + 11) & 0xFF) }
        return (try? BLSPrivateKey(bytes: bytes)) ?? BLSPrivateKey.generate()
    }()
    static let publicKey = key.publicKey
    static let signature = key.sign(message)
    static let batchMessages: [[UInt8]] = (0..<1000).map { i in message + [UInt8(i & 0xFF), UInt8(i >> 8)] }
    static let batchKeys: [BLSPrivateKey] = (0..<10).map { i in
        var bytes = [UInt8](repeating: 0, count: 32)
        for k in 0..<31 { bytes[k] = UInt8((k * 13 + i * 7 + 1) & 0xFF) }
        return (try? BLSPrivateKey(bytes: bytes)) ?? BLSPrivateKey.generate()
    }
    static let batchPublicKeys: [BLSPublicKey] = (0..<1000).map { batchKeys[$0 % 10].publicKey }
    static let batchSignatures: [BLSSignature] = (0..<1000).map { batchKeys[$0 % 10].sign(batchMessages[$0]) }
    static let batchAggregate: BLSSignature? = try? BLSSignature.aggregate(batchSignatures)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput], timeUnits: .microseconds,
        maxDuration: .seconds(3), maxIterations: 200)

    Benchmark("BLS sign") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Inputs.key.sign(Inputs.message)) }
    }
    Benchmark("BLS verify") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(BLS.verify(Inputs.signature, message: Inputs.message, publicKey: Inputs.publicKey))
        }
    }
    Benchmark("BLS hash to G2") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(_BLSBenchmarkHooks.hashToG2(Inputs.message)) }
    }
    Benchmark("BLS pairing") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(_BLSBenchmarkHooks.pairing()) }
    }
    Benchmark("BLS aggregate 1000 signatures", configuration: .init(maxIterations: 50)) { benchmark in
        let signatures = Inputs.batchSignatures
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try? BLSSignature.aggregate(signatures)) }
    }
    Benchmark("BLS aggregate verify 1000 messages (parallel)", configuration: .init(maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
        guard let aggregate = Inputs.batchAggregate else { return }
        let messages = Inputs.batchMessages, keys = Inputs.batchPublicKeys
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(await BLS.aggregateVerify(aggregate, messages: messages, publicKeys: keys))
        }
    }
    Benchmark("BLS aggregate verify 1000 messages (one thread)", configuration: .init(maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
        guard let aggregate = Inputs.batchAggregate else { return }
        let messages = Inputs.batchMessages, keys = Inputs.batchPublicKeys
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(BLS.aggregateVerifySync(aggregate, messages: messages, publicKeys: keys))
        }
    }
}
