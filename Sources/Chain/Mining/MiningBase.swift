import BigInt
import ChainState
import FilecoinTypes
import Proofs

/// Lotus `MinerGetBaseInfo`: a miner's powers, challenged sectors, worker key and beacon entries
/// for a round on a base tipset.
///
/// Every chain fact is read through the same `BlockValidationContext` the validator reads, and the
/// challenged sectors and eligibility come from the validator's own rules
/// (`GetSectorsForWinningPoSt`, `MinerEligibleToMine`), so what a producer proves and claims is
/// what a validator with the same context checks.
public struct MiningBase: Sendable {
    public let context: any BlockValidationContext
    public let beacons: BeaconSchedule
    public let verifier: any ProofVerifier

    public init(context: any BlockValidationContext, beacons: BeaconSchedule, verifier: any ProofVerifier) {
        self.context = context
        self.beacons = beacons
        self.verifier = verifier
    }

    /// The base info of `miner` for `round` on the tipset `baseKey`; nil, as in Lotus, when the
    /// miner has no actor at the lookback but has one at the base (created since), or has no
    /// sector to prove.
    public func info(miner: Address, round: Int64, base baseKey: TipSetKey) async throws(MiningError) -> MiningBaseInfo? {
        guard let base = try await fact("base tipset", { try await context.tipSet(baseKey) }) else {
            throw .baseUnknown(baseKey)
        }
        return try await info(miner: miner, round: round, base: base)
    }

    /// The base info of `miner` for `round` on `base` (see `info(miner:round:base:)` by key).
    public func info(miner: Address, round: Int64, base: TipSet) async throws(MiningError) -> MiningBaseInfo? {
        guard round > base.height else { throw .roundNotAfterBase(round: round, baseHeight: base.height) }
        guard miner.protocol == .id, let minerID = miner.idValue else { throw .minerNotIDAddress(miner) }
        guard let previous = try await fact("latest beacon entry", { try await context.latestBeaconEntry(base: base) }) else {
            throw .noPriorBeaconEntry
        }
        let entries: [BeaconEntry]
        do throws(BeaconError) {
            entries = try await beacons.entriesForBlock(
                networkVersion: context.networkVersion(at: round), epoch: round, parentEpoch: base.height,
                previous: previous)
        } catch {
            throw .beacon(error)
        }
        let beaconBase = Election.beaconBase(entries: entries, previous: previous)
        let lookback = try await fact("lookback", { try await context.lookback(base: base, round: round) })

        // Lotus: no actor at the lookback is no base info if the miner exists at the base, else an
        // error; an actor there that is no miner fails when its proving set is read.
        guard try await fact("miner actor", { try await context.senderActor(miner, stateRoot: lookback.stateRoot) }) != nil
        else {
            guard try await fact("miner actor", { try await context.senderActor(miner, stateRoot: base.parentStateRoot) }) != nil
            else { throw .minerNotFound(miner) }
            return nil
        }

        let validator = BlockValidator(context: context, beacons: beacons, verifier: verifier)
        let randomness = Election.winningPoStRandomness(miner: miner, round: round, beaconBase: beaconBase)
        let sectors: [SectorInfo]
        do throws(BlockValidationError) {
            sectors = try await validator.winningPoStSectors(
                miner: miner, minerID: minerID, randomness: randomness, stateRoot: lookback.stateRoot,
                networkVersion: context.networkVersion(at: base.height))
        } catch {
            throw .chainFactUnavailable(fact: "winning PoSt sectors", reason: error.description)
        }
        guard let first = sectors.first else { return nil }
        let sectorSize: UInt64
        do throws(ProofError) { sectorSize = try first.sealProof.sectorSize() } catch {
            throw .proving(error)
        }

        let claim = try await fact("miner power", { try await context.powerClaim(miner, stateRoot: lookback.stateRoot) })
        let total = try await fact("network power", { try await context.totalPower(stateRoot: lookback.stateRoot) })
        // Lotus takes the worker ID from the lookback's miner info and resolves it at the base; an
        // account's key never changes, so resolving at the lookback (as the validator does) agrees.
        guard let worker = try await fact("miner worker", { try await context.minerWorkerKey(miner, stateRoot: lookback.stateRoot) })
        else { throw .workerUnknown(miner) }
        let ineligibility: BlockValidationError.Ineligibility?
        do throws(BlockValidationError) {
            ineligibility = try await validator.ineligibility(miner, base: base, lookback: lookback)
        } catch {
            throw .chainFactUnavailable(fact: "eligibility", reason: error.description)
        }

        return MiningBaseInfo(
            minerPower: claim?.qualityAdjPower ?? 0, networkPower: total.qualityAdjPower, sectors: sectors,
            workerKey: worker, sectorSize: sectorSize, prevBeaconEntry: previous, beaconEntries: entries,
            eligibleForMining: ineligibility == nil)
    }

    func fact<T>(_ what: String, _ read: () async throws -> T) async throws(MiningError) -> T {
        do {
            return try await read()
        } catch {
            throw .chainFactUnavailable(fact: what, reason: "\(error)")
        }
    }
}
