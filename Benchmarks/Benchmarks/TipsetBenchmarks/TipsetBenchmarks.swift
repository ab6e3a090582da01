import Benchmark
import ChainState
import FilecoinTypes
import IPLD

/// A cron stand-in with no entries to run (the builtin cron is a stand-in until the power and
/// market actors land): the tick measured is the implicit message's dispatch only.
struct EmptyCronActor: BuiltinActor {
    func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        guard method == 2 else { throw invalidMethod(method) }
        try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
        return []
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .peakMemoryResident], timeUnits: .milliseconds, maxDuration: .seconds(10),
        maxIterations: 200)

    let devnet: SyntheticDevnet
    do { devnet = try SyntheticDevnet(accountPairs: 1_000, producers: 5) } catch {
        print("TipsetBenchmarks: could not build the synthetic devnet: \(error)")
        return
    }
    var registry = ActorRegistry.builtin()
    registry.register(ActorCodes.code("cron", actorsVersion: SyntheticDevnet.actorsVersion), EmptyCronActor())
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
}
