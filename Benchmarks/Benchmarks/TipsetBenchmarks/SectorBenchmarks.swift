import Benchmark
import ChainState
import DevnetWorkloads
import Foundation
import Synchronization

/// Block application on a devnet whose miners hold sectors (`SectorDevnet`: real power, market,
/// miner, reward and cron actors, mock proofs): a tipset mixing sends with every kind of miner
/// message, and the cron of an epoch with and without a proving deadline ending.
///
/// The runner starts one process per benchmark and setting up 100,000 sectors takes minutes, so
/// each benchmark builds its devnet in its `setup` hook (not timed) and the 100,000-sector rows
/// run only with `VENUS_BENCH_100K_SECTORS=1`.
enum SectorBenchmarks {
    /// 10 miners; 610 messages: 500 sends, and per miner 5 pre-commits, 5 prove-commits and a
    /// window PoSt of one partition.
    static let miners = 10
    static let mix = SectorDevnet.TipsetMix(
        blocks: 5, sends: 500, preCommitsPerMiner: 5, proveCommitsPerMiner: 5, windowPoStsPerMiner: 1)

    struct Prepared: Sendable {
        /// At the workload epoch `T`.
        var devnet: SectorDevnet
        /// The tipset at `T + 1`.
        var mixed: SectorDevnet.MixedTipset
        /// After the tipset and 60 more epochs; its store holds the samples' states.
        var afterWindow: SectorDevnet
        var samples: [SectorDevnet.CronSample]
        /// The window's epoch with the most partitions in ending deadlines.
        var deadlineEnd: SectorDevnet.CronSample
        /// The window's first epoch in which no deadline ends.
        var quiet: SectorDevnet.CronSample
    }

    static let prepared = Mutex<[Int: Prepared]>([:])

    static func register() {
        var sizes = [1_000]
        if ProcessInfo.processInfo.environment["VENUS_BENCH_100K_SECTORS"] == "1" { sizes.append(100_000) }
        let configuration = Benchmark.Configuration(
            metrics: [.wallClock, .throughput, .peakMemoryResident], timeUnits: .milliseconds, maxDuration: .seconds(15),
            maxIterations: 200)
        for sectors in sizes {
            let label = sectors == 100_000 ? "100,000" : "1,000"
            Benchmark(
                "Sectors \(label): tipset of 610 messages (500 sends, 50 PreCommitSector, 50 ProveCommitSector, 10 SubmitWindowedPoSt), 5 blocks, cron",
                configuration: configuration
            ) { benchmark in
                let ready = try devnet(sectors)
                for _ in benchmark.scaledIterations {
                    let executor = ready.devnet.executor()
                    benchmark.startMeasurement()
                    let result = try executor.execute(ready.mixed.tipset)
                    benchmark.stopMeasurement()
                    if let failed = result.applied.first(where: { $0.result.receipt.exitCode != 0 }) {
                        benchmark.error("message to \(failed.message.to) exited \(failed.result.receipt.exitCode)")
                    }
                }
            } setup: {
                _ = try devnet(sectors)
            }

            Benchmark("Sectors \(label): cron at the epoch where the most partitions' deadlines end", configuration: configuration) {
                benchmark in
                let ready = try devnet(sectors)
                try timeCron(benchmark, ready.afterWindow, ready.deadlineEnd)
            } setup: {
                _ = try devnet(sectors)
            }

            Benchmark("Sectors \(label): cron at an epoch where no deadline ends", configuration: configuration) { benchmark in
                let ready = try devnet(sectors)
                try timeCron(benchmark, ready.afterWindow, ready.quiet)
            } setup: {
                _ = try devnet(sectors)
            }
        }
    }

    /// The implicit cron message alone, on a fresh VM over the sample's state (nothing flushed).
    static func timeCron(_ benchmark: Benchmark, _ devnet: SectorDevnet, _ sample: SectorDevnet.CronSample) throws {
        for _ in benchmark.scaledIterations {
            let vm = try devnet.cronVM(epoch: sample.epoch, parentRoot: sample.parentRoot)
            let cron = ImplicitMessages.cron(nonce: 0)
            benchmark.startMeasurement()
            let result = try vm.applyImplicitMessage(cron)
            benchmark.stopMeasurement()
            if result.receipt.exitCode != 0 { benchmark.error("cron at \(sample.epoch) exited \(result.receipt.exitCode)") }
        }
    }

    /// The prepared devnet of `sectors` sectors, built on first use in this process.
    static func devnet(_ sectors: Int) throws -> Prepared {
        if let ready = prepared.withLock({ $0[sectors] }) { return ready }
        let devnet = try SectorDevnet(
            .init(miners: miners, sectorsPerMiner: sectors / miners, accountPairs: 250, pendingPreCommitsPerMiner: 5))
        let mixed = try devnet.mixedTipset(mix)
        var afterWindow = devnet
        let applied = try afterWindow.apply(mixed)
        let samples = try afterWindow.runCronWindow(epochs: 60)
        guard let deadlineEnd = samples.max(by: { $0.closingPartitions < $1.closingPartitions }),
            let quiet = samples.first(where: { $0.closingDeadlines == 0 })
        else { throw SectorDevnetError.unexpectedState("a 60-epoch window without both kinds of epoch") }
        report(sectors, devnet, mixed, applied, samples)
        let ready = Prepared(
            devnet: devnet, mixed: mixed, afterWindow: afterWindow, samples: samples, deadlineEnd: deadlineEnd, quiet: quiet)
        prepared.withLock { $0[sectors] = ready }
        return ready
    }

    /// One line each about the setup and the cron window (printed by the benchmark's process).
    static func report(
        _ sectors: Int, _ devnet: SectorDevnet, _ mixed: SectorDevnet.MixedTipset, _ applied: TipsetExecutionResult,
        _ samples: [SectorDevnet.CronSample]
    ) {
        func ms(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
            return String(format: "%.2f ms", value)
        }
        let setup = devnet.setupStatistics
        print(
            "sector devnet \(sectors): setup \(ms(setup.duration)) (\(setup.implicitMessages) implicit messages over \(setup.epochs) epochs), workload epoch \(devnet.epoch), tipset of \(mixed.messageCount) messages (\(mixed.windowPoSts) PoSts), gas used \(applied.receipts.reduce(0) { $0 + $1.gasUsed })"
        )
        let quiet = samples.filter { $0.closingDeadlines == 0 }.map(\.duration).sorted()
        let ends = samples.filter { $0.closingDeadlines > 0 }
        let total = samples.reduce(Duration.zero) { $0 + $1.duration }
        let endList = ends.map { "epoch \($0.epoch): \($0.closingDeadlines) deadlines, \($0.closingPartitions) partitions, \(ms($0.duration))" }
        print(
            "sector devnet \(sectors): cron over \(samples.count) epochs: mean \(ms(total / samples.count)) per epoch; \(quiet.count) epochs without a deadline end: min \(ms(quiet.first ?? .zero)), median \(ms(quiet.isEmpty ? .zero : quiet[quiet.count / 2])), max \(ms(quiet.last ?? .zero)); deadline ends: \(endList.joined(separator: "; "))"
        )
    }
}
