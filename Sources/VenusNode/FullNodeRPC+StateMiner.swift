import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import JSONRPC
import Proofs
import VenusAPI

/// The miner methods (`StateMiner*`, `StateSector*`), answered from the tipset's parent state as
/// Lotus answers them (`node/impl/full/state.go`, `chain/stmgr/actors.go`, the actor adapters).
extension FullNodeRPC {
    static func registerStateMiner(_ node: ChainNode, on registry: inout RPCRegistry) {
        let chain = node.chain, states = node.states
        registry.register(FullNodeAPI.stateMinerInfo) { _, p in
            let view = try await NodeStateView.at(p.p1, of: chain)
            return try FullNodeAPI.MinerInfo(try view.minerInfo(try view.miner(p.p0).state))
        }
        registry.register(FullNodeAPI.stateMinerPower) { _, p in
            try minerPower(p.p0, view: try await NodeStateView.at(p.p1, of: chain))
        }
        registry.register(FullNodeAPI.stateMinerDeadlines) { _, p in
            let view = try await NodeStateView.at(p.p1, of: chain)
            let miner = try view.miner(p.p0)
            var out: [FullNodeAPI.Deadline] = []
            do throws(ActorError) {
                try miner.state.loadDeadlines(view.store).forEach(view.store) { (_, deadline) throws(ActorError) in
                    out.append(FullNodeAPI.Deadline(deadline))
                }
            } catch {
                throw StateQueryError.unreadableState(error.message)
            }
            return out
        }
        registry.register(FullNodeAPI.stateMinerPartitions) { _, p in
            let view = try await NodeStateView.at(p.p2, of: chain)
            let miner = try view.miner(p.p0)
            let deadline: Deadline
            do throws(ActorError) { deadline = try miner.state.loadDeadlines(view.store).loadDeadline(view.store, p.p1) } catch {
                throw StateQueryError.context("failed to load the deadline", .unreadableState(error.message))
            }
            let version = miner.state.actorsVersion
            var out: [FullNodeAPI.Partition] = []
            try view.amtForEach(deadline.partitions) { (_, bytes) throws(StateQueryError) in
                let partition = try NodeStateView.decode(bytes, what: "partition") { (reader: inout CBORReader) in
                    try Partition(from: &reader, actorsVersion: version)
                }
                out.append(FullNodeAPI.Partition(partition))
            }
            return out
        }
        registry.register(FullNodeAPI.stateMinerProvingDeadline) { _, p in
            let view = try await NodeStateView.at(p.p1, of: chain)
            let miner = try view.miner(p.p0)
            return FullNodeAPI.DeadlineInfo(miner.state.deadlineInfo(view.tipset.height).nextNotElapsed)
        }
        registry.register(FullNodeAPI.stateMinerSectors) { _, p in
            let view = try await NodeStateView.at(p.p2, of: chain)
            let miner = try view.miner(p.p0)
            var out: [FullNodeAPI.SectorOnChainInfo] = []
            if let numbers = p.p1 {
                for number in numbers {
                    guard let bytes = try view.amtValue(miner.state.sectors, index: number) else {
                        throw StateQueryError.sectorNotFound(number)
                    }
                    out.append(FullNodeAPI.SectorOnChainInfo(try NodeStateView.decode(SectorOnChainInfo.self, bytes, what: "sector")))
                }
            } else {
                try view.amtForEach(miner.state.sectors) { (_, bytes) throws(StateQueryError) in
                    out.append(FullNodeAPI.SectorOnChainInfo(try NodeStateView.decode(SectorOnChainInfo.self, bytes, what: "sector")))
                }
            }
            return out
        }
        registry.register(FullNodeAPI.stateSectorGetInfo) { _, p in
            let view = try await NodeStateView.at(p.p2, of: chain)
            let miner = try view.miner(p.p0, wording: "(get sset) ")
            guard let bytes = try view.amtValue(miner.state.sectors, index: p.p1) else { return nil }
            return FullNodeAPI.SectorOnChainInfo(try NodeStateView.decode(SectorOnChainInfo.self, bytes, what: "sector"))
        }
        registry.register(FullNodeAPI.stateSectorPreCommitInfo) { _, p in
            let view = try await NodeStateView.at(p.p2, of: chain)
            let miner = try view.miner(p.p0, wording: "(get sset) ")
            guard let bytes = try view.hamtValue(miner.state.preCommittedSectors, key: MinerState.sectorKey(p.p1)) else {
                return nil
            }
            return FullNodeAPI.SectorPreCommitOnChainInfo(
                try NodeStateView.decode(SectorPreCommitOnChainInfo.self, bytes, what: "pre-commit"))
        }
        registry.register(FullNodeAPI.stateMinerAvailableBalance) { _, p in
            let view = try await NodeStateView.at(p.p1, of: chain)
            let miner = try view.miner(p.p0)
            do throws(ActorError) {
                // Lotus: what is available now plus what has vested by this epoch.
                let vested = try miner.state.checkVestedFunds(view.store, epoch: view.tipset.height)
                let available = try miner.state.availableBalance(miner.actor.balance, actorsVersion: miner.state.actorsVersion)
                return available + vested
            } catch {
                throw StateQueryError.unreadableState(error.message)
            }
        }
        registry.register(FullNodeAPI.stateMinerPreCommitDepositForPower) { _, p in
            let view = try await NodeStateView.at(p.p2, of: chain)
            let weight = try sectorWeight(miner: p.p0, p.p1, view: view)
            let power = try view.power(), reward = try view.reward()
            let deposit = MinerMonies.preCommitDepositForPower(
                rewardEstimate: reward.thisEpochRewardSmoothed, networkQAPowerEstimate: power.thisEpochQAPowerSmoothed,
                qaSectorPower: weight, actorsVersion: actorsVersion(of: power))
            return pledgeMargin(deposit)
        }
        registry.register(FullNodeAPI.stateMinerInitialPledgeCollateral) { _, p in
            let view = try await NodeStateView.at(p.p2, of: chain)
            let weight = try sectorWeight(miner: p.p0, p.p1, view: view)
            let power = try view.power(), reward = try view.reward()
            let supply = try await states.circulatingSupplyDetail(
                epoch: view.tipset.height, stateRoot: view.tipset.parentStateRoot)
            let pledge = MinerMonies.initialPledgeForPower(
                qaPower: weight, baselinePower: reward.thisEpochBaselinePower,
                rewardEstimate: reward.thisEpochRewardSmoothed, networkQAPowerEstimate: power.thisEpochQAPowerSmoothed,
                circulatingSupply: supply.circulating, actorsVersion: actorsVersion(of: power))
            return pledgeMargin(pledge)
        }
    }

    /// Lotus `stmgr.GetPowerRaw`: the claim under the address as given (no ID resolution; none:
    /// a zero claim and no minimum), the network's total (`TotalRawBytePower`,
    /// `TotalQualityAdjPower`), and whether the claim meets the consensus minimum.
    static func minerPower(_ miner: Address, view: NodeStateView) throws -> FullNodeAPI.MinerPower {
        let power = try view.power()
        let total = FullNodeAPI.Claim(raw: power.totalRawBytePower, qualityAdjusted: power.totalQualityAdjPower)
        guard let bytes = try view.hamtValue(power.claims, key: miner.bytes) else {
            return FullNodeAPI.MinerPower(minerPower: .zero, totalPower: total, hasMinPower: false)
        }
        let claim = try NodeStateView.decode(PowerClaim.self, bytes, what: "power claim")
        return FullNodeAPI.MinerPower(
            minerPower: FullNodeAPI.Claim(raw: claim.rawBytePower, qualityAdjusted: claim.qualityAdjPower), totalPower: total,
            hasMinPower: meetsConsensusMinimum(claim, power: power))
    }

    /// The power actor's `MinerNominalPowerMeetsConsensusMinimum` with the devnet's minimum
    /// (Lotus's 2k build: 2 KiB): v2 compares raw power and, below the minimum while fewer than
    /// `ConsensusMinerMinMiners` miners meet it, accepts any positive power; v0 uses QA power.
    static func meetsConsensusMinimum(_ claim: PowerClaim, power: PowerState) -> Bool {
        let version = actorsVersion(of: power)
        let nominal = version >= 2 ? claim.rawBytePower : claim.qualityAdjPower
        let minimum = claim.sealProofType.flatMap { PowerPolicy.devnet.consensusMinerMinPower(for: $0) }
            ?? PowerPolicy.devnet.consensusMinerMinPower
        if nominal >= minimum { return true }
        if power.minerAboveMinPowerCount >= PowerPolicy.consensusMinerMinMiners(actorsVersion: version) { return false }
        return version >= 2 ? nominal > 0 : nominal >= 0
    }

    /// Lotus `calculateSectorWeight` (network version 16 and before): the QA power of a sector
    /// with `info`'s deals from this epoch to its expiration, counting verified deal space only
    /// (go-state-types' `QAPowerForWeight`, which for v2's formula is a zero unverified weight).
    static func sectorWeight(
        miner: Address, _ info: FullNodeAPI.SectorPreCommitInfo, view: NodeStateView
    ) throws -> BigInt {
        let sectorSize: UInt64
        do { sectorSize = try RegisteredSealProof(rawValue: info.sealProof).sectorSize() } catch {
            throw StateQueryError.unknownSealProof(info.sealProof)
        }
        let (duration, overflow) = info.expiration.subtractingReportingOverflow(view.tipset.height)
        guard !overflow else { throw StateQueryError.sectorExpirationOutOfRange(info.expiration) }
        let verified = try verifiedDealWeight(
            miner: miner, dealIDs: info.dealIDs, epoch: view.tipset.height, sectorExpiry: info.expiration, view: view)
        return MinerPolicy.qaPowerForWeight(
            sectorSize: sectorSize, duration: duration, dealWeight: 0, verifiedWeight: verified)
    }

    /// The market's `ValidateDealsForActivation` (v2), the verified space-time of the deals.
    static func verifiedDealWeight(
        miner: Address, dealIDs: [UInt64], epoch: Int64, sectorExpiry: Int64, view: NodeStateView
    ) throws -> BigInt {
        guard !dealIDs.isEmpty else { return 0 }
        let market = try view.market()
        var seen = Set<UInt64>()
        var verified = BigInt(0)
        for id in dealIDs {
            guard seen.insert(id).inserted else { throw StateQueryError.dealNotActivatable("deal ID \(id) present multiple times") }
            guard let bytes = try view.amtValue(market.proposals, index: id) else {
                throw StateQueryError.dealNotActivatable("no such deal \(id)")
            }
            let proposal = try NodeStateView.decode(DealProposal.self, bytes, what: "deal proposal")
            let refusal: String? =
                if proposal.provider != miner {
                    "proposal has provider \(proposal.provider), must be \(miner)"
                } else if epoch > proposal.startEpoch {
                    "proposal start epoch \(proposal.startEpoch) has already elapsed at \(epoch)"
                } else if proposal.endEpoch > sectorExpiry {
                    "proposal expiration \(proposal.endEpoch) exceeds sector expiration \(sectorExpiry)"
                } else {
                    nil
                }
            if let refusal { throw StateQueryError.dealNotActivatable("cannot activate deal \(id): \(refusal)") }
            if proposal.verifiedDeal { verified += MarketPolicy.dealWeight(proposal) }
        }
        return verified
    }

    /// v0 power state keeps `LastProcessedCronEpoch`, v2 does not.
    static func actorsVersion(of power: PowerState) -> Int { power.lastProcessedCronEpoch == nil ? 2 : 0 }

    /// Lotus adds 10% to its pledge and deposit estimates (`initialPledgeNum/Den` = 110/100).
    static func pledgeMargin(_ amount: TokenAmount) -> TokenAmount {
        TokenAmount(attoFIL: GoBig.div(amount.attoFIL * 110, BigInt(100)))
    }
}
