import Benchmark
import ChainState
import FilecoinTypes
import IPLD

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], timeUnits: .milliseconds, maxDuration: .seconds(10),
        maxIterations: 200)

    let devnet: SyntheticDevnet
    do { devnet = try SyntheticDevnet(accountPairs: 1_000, producers: 5) } catch {
        print("TipsetBenchmarks: could not build the synthetic devnet: \(error)")
        return
    }
    // The real cron actor; this devnet's cron state has no entries (no power or market actor).
    let registry = ActorRegistry.builtin()
    let sends = devnet.sendTipset(count: 1_000, blockCount: 5, parentEpoch: 100)

    // One iteration applies the whole tipset with `TipsetExecutor` (one VM, 1,000 messages,
    // 5 rewards, cron, receipts AMT, one flush to the backing store) on a fresh copy of the
    // devnet's blocks, built outside the measurement. messages/s = 1,000 / wall clock.
    Benchmark("Tipset: 1,000 sends over 5 blocks (apply, rewards, cron, receipts, flush)") { benchmark in
        for _ in benchmark.scaledIterations {
            let store = MemoryBlockstore(devnet.blocks)
            let executor = TipsetExecutor(
                store: store, registry: registry, schedule: .fixed(SyntheticDevnet.networkVersion))
            benchmark.startMeasurement()
            blackHole(try executor.execute(sends))
            benchmark.stopMeasurement()
        }
    }

    // The same tipset after 10 null rounds: the cron of each null round on top.
    let afterNullRounds = ExecutableTipset(
        parentStateRoot: sends.parentStateRoot, parentEpoch: 100, epoch: 111, baseFee: sends.baseFee, blocks: sends.blocks)
    Benchmark("Tipset: 1,000 sends over 5 blocks after 10 null rounds") { benchmark in
        for _ in benchmark.scaledIterations {
            let store = MemoryBlockstore(devnet.blocks)
            let executor = TipsetExecutor(
                store: store, registry: registry, schedule: .fixed(SyntheticDevnet.networkVersion))
            benchmark.startMeasurement()
            blackHole(try executor.execute(afterNullRounds))
            benchmark.stopMeasurement()
        }
    }

    SectorBenchmarks.register()
}
