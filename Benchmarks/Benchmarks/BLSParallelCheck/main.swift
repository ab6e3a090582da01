import BLS12381

/// Aggregate verification of 1,000 distinct messages, one thread against two tasks, timed here
/// rather than in BLSBenchmarks: the benchmark runner preloads a malloc interposer that serialises
/// allocating threads, which hides the split. Run: `swift run -c release BLSParallelCheck`.
/// Peer: `python3 peers/bls_peer.py` ("BLS aggregate verify 1000 messages", blst single thread).
@main
struct BLSParallelCheck {
    static func main() async {
        // BLSBenchmarks' inputs (mirrored by the peer): 1,000 distinct 40-byte messages signed
        // round-robin by 10 fixed keys.
        let message = Array("venus bls benchmark message: a 38 byte".utf8)
        let messages: [[UInt8]] = (0..<1000).map { i in message + [UInt8(i & 0xFF), UInt8(i >> 8)] }
        let keys: [BLSPrivateKey] = (0..<10).map { i in
            var bytes = [UInt8](repeating: 0, count: 32)
            for k in 0..<31 { bytes[k] = UInt8((k * 13 + i * 7 + 1) & 0xFF) }
            return (try? BLSPrivateKey(bytes: bytes)) ?? BLSPrivateKey.generate()
        }
        let signatures = messages.enumerated().map { keys[$0.offset % 10].sign($0.element) }
        let publicKeys = (0..<1000).map { keys[$0 % 10].publicKey }
        guard let aggregate = try? BLSSignature.aggregate(signatures) else {
            print("aggregation failed")
            return
        }
        let clock = ContinuousClock()
        var oneThread: [Duration] = [], twoTasks: [Duration] = []
        for _ in 0..<7 {
            var ok = false
            oneThread.append(clock.measure { ok = BLS.aggregateVerifySync(aggregate, messages: messages, publicKeys: publicKeys) })
            guard ok else { return print("one-thread verification failed") }
            let start = clock.now
            ok = await BLS.aggregateVerify(aggregate, messages: messages, publicKeys: publicKeys)
            twoTasks.append(clock.now - start)
            guard ok else { return print("parallel verification failed") }
        }
        func median(_ values: [Duration]) -> String {
            let sorted = values.sorted()
            let ms = Double(sorted[sorted.count / 2].components.attoseconds) / 1e15 + Double(sorted[sorted.count / 2].components.seconds) * 1000
            return String(Int(ms.rounded())) + " ms"
        }
        print("BLS aggregate verify 1000 messages, one thread: median \(median(oneThread))")
        print("BLS aggregate verify 1000 messages, split across the cores: median \(median(twoTasks))")
    }
}
