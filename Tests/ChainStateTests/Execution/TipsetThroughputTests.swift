import ChainState
import DagCBOR
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
