import ChainState
@testable import Chain
import FilecoinCrypto
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// The 16,000-message selection workload of `MessagePoolBenchmarks` (same pool, same seed),
/// timed inside the test build when the ordo-one package cannot be built: opt in with
/// `MPOOL_TIMING=1`. The blocks are checked like every other selection's.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["MPOOL_TIMING"] == "1"))
struct MessageSelectionTimingTests {
    @Test func selectFromSixteenThousandMessages() async throws {
        let chain = try FakePoolChain(parentBaseFee: TokenAmount(attoFIL: 1_000_000))
        await chain.setBaseFee(TokenAmount(attoFIL: 1_000_000))
        var generator = SeededGenerator(seed: 2026)
        let pool = try await MessagePool(provider: chain)
        let receiver = try Address.id(1001)
        var balances: [Address: TokenAmount] = [:]
        let buildStart = ContinuousClock.now
        for _ in 0..<1_000 {
            let sender = TestSender.secp(&generator)
            await chain.setActor(sender.address, balance: TokenAmount(wholeFIL: 1_000_000))
            balances[sender.address] = TokenAmount(wholeFIL: 1_000_000)
            for nonce in 0..<16 {
                let gasLimit = Int64(exp(Double.random(in: log(2e6)...log(2e8), using: &generator)))
                let premium = Int(-log(Double.random(in: Double.ulpOfOne...1, using: &generator)) * 1_000_000)
                let feeCap = premium + Int(Double.random(in: 0.5...3, using: &generator) * 1_000_000)
                var message = sender.unsigned(nonce: UInt64(nonce), gasLimit: gasLimit, feeCap: feeCap, premium: premium)
                message.to = receiver
                try await pool.push(sender.sign(message), publish: false)
            }
        }
        print("MPOOL_TIMING pool of \(await pool.count) built in \(ContinuousClock.now - buildStart)")
        let head = await chain.head
        let pending = await pool.pending().messages
        let workloads: [(String, [Double])] = [
            ("MpoolSelect greedy tq 0.9", [0.9]), ("MpoolSelect optimal tq 0.5", [0.5]),
            ("MpoolSelects 5 blocks (0.95, 0.8, 0.6, 0.4, 0.2)", [0.95, 0.8, 0.6, 0.4, 0.2]),
        ]
        // Phases of one selection: snapshot (pending, actors, base fee), preparation, packing.
        for _ in 0..<Int(ProcessInfo.processInfo.environment["MPOOL_PHASES"] ?? "5")! {
            let t0 = ContinuousClock.now
            let snapshot = try #require(try await pool.selectionSnapshot(for: head))
            let t1 = ContinuousClock.now
            let selector = MessageSelector(
                pending: snapshot.pending, actors: snapshot.actors, baseFee: GasPerformance.clampedBaseFee(snapshot.baseFee.attoFIL),
                height: head.height)
            let t2 = ContinuousClock.now
            let blocks = selector.selectBlocks(ticketQualities: [0.5], priority: [], using: &generator)
            let t3 = ContinuousClock.now
            print("MPOOL_TIMING phases: snapshot \(t1 - t0) prepare \(t2 - t1) pack \(t3 - t2) (\(blocks[0].count) messages)")
        }
        for (name, qualities) in workloads {
            var samples: [Duration] = []
            var blocks: [[SignedMessage]] = []
            for _ in 0..<25 {
                let start = ContinuousClock.now
                blocks = try await pool.selectMessages(for: head, ticketQualities: qualities, using: &generator)
                samples.append(ContinuousClock.now - start)
            }
            samples.sort()
            let counts = blocks.map(\.count)
            print("MPOOL_TIMING \(name): p0 \(samples[0]) p50 \(samples[samples.count / 2]) p90 \(samples[samples.count * 9 / 10]) messages \(counts)")
            #expect(blocks.allSatisfy { !$0.isEmpty })
            MessageSelectionTests.checkBlocks(blocks, pending: pending, nonces: [:], balances: balances)
        }
    }
}
