import BigInt
import ChainState
import DevnetWorkloads
import FilecoinTypes
import Testing

/// The synthetic sector workload that TipsetBenchmarks times, run once at a small size: its
/// setup (miners created, sectors pre-committed, prove-committed, confirmed by power's cron and
/// activated by window PoSts) and its mixed tipset must succeed message by message, and power
/// must move as the actors' rules say, so the benchmark measures work that is actually done.
@Suite struct SectorWorkloadTests {
    static let sectorSize = BigInt(SectorDevnet.sectorSize)

    /// One devnet for the whole story (its setup walks a proving period): setup, then the tipset.
    @Test func setupThenMixedTipset() throws {
        var devnet = try SectorDevnet(.init(miners: 2, sectorsPerMiner: 10, accountPairs: 11, pendingPreCommitsPerMiner: 3))
        // Setup: every sector proven and claimed.
        for miner in devnet.miners {
            let claim = try devnet.claim(miner.id)
            #expect(claim.rawBytePower == 10 * Self.sectorSize)
            #expect(claim.qualityAdjPower == 10 * Self.sectorSize)
            let counts = try devnet.sectorCounts(miner.id)
            #expect(counts.sectors == 10)
            #expect(counts.preCommits == 3)
            #expect(miner.pending.count == 3)
        }
        let power = try devnet.powerState()
        #expect(power.minerCount == 2)
        #expect(power.totalBytesCommitted == 20 * Self.sectorSize)
        // Both miners are above the devnet minimum (one 2 KiB sector), so all of it counts.
        #expect(power.totalRawBytePower == 20 * Self.sectorSize)
        #expect(devnet.setupStatistics.implicitMessages > 2 + 20 + 20)

        // The 20 sends come from pairs 0...9; the last BLS one pays pair 10's secp256k1 account.
        let receiver = devnet.secpAccounts[10]
        let receiverBefore = try balance(devnet, receiver)

        let mixed = try devnet.mixedTipset(
            .init(blocks: 2, sends: 20, preCommitsPerMiner: 2, proveCommitsPerMiner: 3, windowPoStsPerMiner: 1))
        #expect(mixed.sends == 20)
        #expect(mixed.preCommits == 4)
        #expect(mixed.proveCommits == 6)
        // The workload epoch is chosen so that a miner's open deadline has partitions to prove.
        #expect(mixed.windowPoSts >= 1)
        let result = try devnet.apply(mixed)

        #expect(result.receipts.count == mixed.messageCount)
        var byMethod: [UInt64: Int] = [:]
        for applied in result.applied {
            #expect(applied.result.receipt.exitCode == 0, "\(applied.kind) to \(applied.message.to): \(applied.result.errorMessage ?? "")")
            if !applied.isImplicit { byMethod[applied.message.method, default: 0] += 1 }
        }
        #expect(byMethod[0] == 20)
        #expect(byMethod[MinerMethod.preCommitSector.rawValue] == 4)
        #expect(byMethod[MinerMethod.proveCommitSector.rawValue] == 6)
        #expect(byMethod[MinerMethod.submitWindowedPoSt.rawValue] == mixed.windowPoSts)
        // Reward per block, and the epoch's cron.
        #expect(result.applied.filter(\.isImplicit).count == 2 + 1)
        #expect(try balance(devnet, receiver) == receiverBefore + TokenAmount(attoFIL: 1_000))

        for miner in devnet.miners {
            // Power's cron verified the three seal proofs and the miner confirmed the sectors; the
            // two new pre-commits wait.
            let counts = try devnet.sectorCounts(miner.id)
            #expect(counts.sectors == 13)
            #expect(counts.preCommits == 2)
            // New sectors carry no power until their deadline's first window PoSt.
            #expect(try devnet.claim(miner.id).rawBytePower == 10 * Self.sectorSize)
        }

        // A proving period later every deadline has been proven once: the new sectors count.
        let samples = try devnet.runCronWindow(epochs: 2_880 + 60)
        #expect(samples.count == 2_940)
        #expect(samples.contains { $0.closingDeadlines > 0 && $0.closingPartitions > 0 })
        for miner in devnet.miners {
            let claim = try devnet.claim(miner.id)
            #expect(claim.rawBytePower == 13 * Self.sectorSize)
            #expect(claim.qualityAdjPower == 13 * Self.sectorSize)
        }
        #expect(try devnet.powerState().totalRawBytePower == 26 * Self.sectorSize)
    }

    private func balance(_ devnet: SectorDevnet, _ address: Address) throws -> TokenAmount {
        try StateTreeView(root: devnet.root, store: devnet.store).actor(at: address)?.balance ?? .zero
    }
}
