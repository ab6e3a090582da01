import ChainState
import DagCBOR
import DevnetWorkloads
import FilecoinTypes
import Foundation
import IPLD
import Testing

/// Messages per second of block application in the test build (information only: set
/// `TIPSET_TIMING=1`; the release figures are TipsetBenchmarks' in BENCHMARKS.md).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TIPSET_TIMING"] != nil))
struct TipsetThroughputTests {
    @Test func thousandSendsOverFiveBlocks() throws {
        let fixture = try ExecutionFixture(accounts: 500, miners: 5)
        var blocks = (0..<5).map { BlockMessages(miner: fixture.miners[$0], winCount: 1, blsMessages: [], secpMessages: []) }
        for index in 0..<1_000 {
            let pair = index / 2
            if index % 2 == 0 {
                let message = ExecutionFixture.send(from: fixture.blsAccounts[pair], to: fixture.secpAccounts[(pair + 1) % 500], nonce: 0)
                blocks[index % 5].blsMessages.append(.unsigned(message))
            } else {
                let message = ExecutionFixture.send(from: fixture.secpAccounts[pair], to: fixture.blsAccounts[(pair + 1) % 500], nonce: 0)
                blocks[index % 5].secpMessages.append(ExecutionFixture.signed(message))
            }
        }
        let tipset = ExecutableTipset(parentStateRoot: fixture.root, parentEpoch: 10, epoch: 11, baseFee: TokenAmount(attoFIL: 100), blocks: blocks)
        let blockList: [(cid: CID, data: [UInt8])] = fixture.store.cids.compactMap { cid in (try? fixture.store.get(cid)).flatMap { $0.map { (cid: cid, data: $0) } } }
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        for _ in 0..<3 {
            let executor = TipsetExecutor(store: MemoryBlockstore(blockList), registry: fixture.registry, schedule: .fixed(5))
            let start = clock.now
            let result = try executor.execute(tipset)
            let elapsed: Duration = clock.now - start
            if elapsed < best { best = elapsed }
            let failed = result.receipts.filter { $0.exitCode != 0 }.count
            #expect(result.receipts.count == 1_000)
            #expect(failed == 0)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print("tipset timing: 1,000 sends over 5 blocks in \(Int(seconds * 1_000)) ms (best of 3), \(Int(1_000 / seconds)) messages/s")
    }
}

/// The sector workload of TipsetBenchmarks in the test build (information only: set
/// `TIPSET_TIMING=1`, and `TIPSET_TIMING_SECTORS` to the sector counts, default 1000).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TIPSET_TIMING"] != nil))
struct SectorWorkloadTimingTests {
    @Test func sectorWorkload() throws {
        let sizes = (ProcessInfo.processInfo.environment["TIPSET_TIMING_SECTORS"] ?? "1000").split(separator: ",").compactMap { Int($0) }
        for sectors in sizes {
            let devnet = try SectorDevnet(.init(miners: 10, sectorsPerMiner: sectors / 10, accountPairs: 250, pendingPreCommitsPerMiner: 5))
            let setup = devnet.setupStatistics
            print("sectors \(sectors): setup \(setup.duration) (\(setup.implicitMessages) implicit messages, \(setup.epochs) epochs)")
            let mixed = try devnet.mixedTipset(
                .init(blocks: 5, sends: 500, preCommitsPerMiner: 5, proveCommitsPerMiner: 5, windowPoStsPerMiner: 1))
            let clock = ContinuousClock()
            var best = Duration.seconds(1_000)
            for _ in 0..<3 {
                let executor = devnet.executor()
                let start = clock.now
                let result = try executor.execute(mixed.tipset)
                best = min(best, clock.now - start)
                #expect(result.applied.allSatisfy { $0.result.receipt.exitCode == 0 })
            }
            print("sectors \(sectors): tipset of \(mixed.messageCount) messages (\(mixed.windowPoSts) PoSts) in \(best) (best of 3)")
            var after = devnet
            try after.apply(mixed)
            let samples = try after.runCronWindow(epochs: 60)
            let quiet = samples.filter { $0.closingDeadlines == 0 }.map(\.duration).sorted()
            let total = samples.reduce(Duration.zero) { $0 + $1.duration }
            print("sectors \(sectors): cron mean \(total / samples.count) per epoch over 60; quiet median \(quiet[quiet.count / 2])")
            for sample in samples where sample.closingDeadlines > 0 {
                print("  epoch \(sample.epoch): \(sample.closingDeadlines) deadline ends, \(sample.closingPartitions) partitions, \(sample.duration)")
            }
        }
    }
}
