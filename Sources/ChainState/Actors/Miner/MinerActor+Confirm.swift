import BigInt
import DagCBOR
import FilecoinTypes

/// ConfirmSectorProofsValid: power's cron calls it with the sectors whose seal proofs verified;
/// their deals are activated, they get their initial pledge and are assigned to deadlines.
extension MinerActor {
    func confirmSectorProofsValid(_ rt: any Runtime, _ params: ConfirmSectorProofsParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(is: BuiltinAddress.powerActor)
        let rewardStats = try MinerCalls.requestCurrentEpochBlockReward(rt)
        let power = try MinerCalls.requestCurrentTotalPower(rt)
        let circulatingSupply = rt.circulatingSupply
        let store = rt.store
        let version = actorsVersion

        let snapshot = try rt.state(MinerState.self)
        let info = try snapshot.loadInfo(store)
        let found = try snapshot.findPrecommittedSectors(store, params.sectors, actorsVersion: version)

        var replacements: [(deadline: UInt64, partition: UInt64, sector: UInt64)] = []
        var preCommits: [SectorPreCommitOnChainInfo] = []
        for precommit in found {
            // v2 only asks the market when there are deals to activate.
            if !v2 || !precommit.info.dealIDs.isEmpty {
                let code = try MinerCalls.activateDeals(rt, dealIDs: precommit.info.dealIDs, sectorExpiry: precommit.info.expiration)
                if !code.isSuccess { continue }
            }
            preCommits.append(precommit)
            if precommit.info.replaceCapacity {
                guard precommit.info.replaceSectorDeadline < MinerPolicy.wpostPeriodDeadlines else {
                    throw ActorError(.errIllegalArgument, "failed to record sectors for replacement: invalid deadline")
                }
                replacements.append((precommit.info.replaceSectorDeadline, precommit.info.replaceSectorPartition, precommit.info.replaceSectorNumber))
            }
        }
        guard !preCommits.isEmpty else { throw ActorError(.errIllegalArgument, "all prove commits failed to validate") }

        let epoch = rt.epoch
        let (newPower, totalPledge, newlyVested) = try rt.transaction(MinerState.self) {
            (state: inout MinerState) throws(ActorError) -> ((raw: BigInt, qa: BigInt), TokenAmount, TokenAmount) in
            let replaced = try rescheduleSectorExpirations(rt, &state, sectorSize: info.sectorSize, replacements: replacements)
            var replacedByNumber: [UInt64: SectorOnChainInfo] = [:]
            for sector in replaced { replacedByNumber[sector.sectorNumber] = sector }

            var newSectors: [SectorOnChainInfo] = []
            var totalPledge = TokenAmount.zero
            var depositToUnlock = TokenAmount.zero
            for precommit in preCommits {
                let duration = precommit.info.expiration - epoch
                // Caught at pre-commit already; such a sector is skipped rather than failing the others.
                if duration < MinerPolicy.minSectorExpiration { continue }
                let qa = MinerPolicy.qaPowerForWeight(
                    sectorSize: info.sectorSize, duration: duration, dealWeight: precommit.dealWeight,
                    verifiedWeight: precommit.verifiedDealWeight)
                let dayReward = MinerMonies.expectedRewardForPower(
                    rewardEstimate: rewardStats.rewardSmoothed, networkQAPowerEstimate: power.qualityAdjPowerSmoothed,
                    qaSectorPower: qa, projectionDuration: MinerPolicy.epochsInDay, actorsVersion: version)
                let storagePledge = MinerMonies.expectedRewardForPower(
                    rewardEstimate: rewardStats.rewardSmoothed, networkQAPowerEstimate: power.qualityAdjPowerSmoothed,
                    qaSectorPower: qa, projectionDuration: MinerMonies.initialPledgeProjectionPeriod, actorsVersion: version)
                var pledge = MinerMonies.initialPledgeForPower(
                    qaPower: qa, baselinePower: rewardStats.baselinePower, rewardEstimate: rewardStats.rewardSmoothed,
                    networkQAPowerEstimate: power.qualityAdjPowerSmoothed, circulatingSupply: circulatingSupply,
                    actorsVersion: version)
                var sector = SectorOnChainInfo(
                    sectorNumber: precommit.info.sectorNumber, sealProof: precommit.info.sealProof,
                    sealedCID: precommit.info.sealedCID, dealIDs: precommit.info.dealIDs, activation: epoch,
                    expiration: precommit.info.expiration, dealWeight: precommit.dealWeight,
                    verifiedDealWeight: precommit.verifiedDealWeight, initialPledge: pledge, expectedDayReward: dayReward,
                    expectedStoragePledge: storagePledge)
                if v2 {
                    var replacedAge: Int64 = 0
                    var replacedDayReward = TokenAmount.zero
                    if precommit.info.replaceCapacity {
                        guard let old = replacedByNumber[precommit.info.replaceSectorNumber] else {
                            throw ActorError(.errNotFound, "no such sector \(precommit.info.replaceSectorNumber) to replace")
                        }
                        pledge = max(pledge, old.initialPledge)
                        replacedAge = max(0, epoch - old.activation)
                        replacedDayReward = old.expectedDayReward
                    }
                    sector.initialPledge = pledge
                    sector.replacedSectorAge = replacedAge
                    sector.replacedDayReward = replacedDayReward
                }
                depositToUnlock += precommit.preCommitDeposit
                totalPledge += pledge
                newSectors.append(sector)
            }

            try state.putSectors(store, newSectors)
            try state.deletePrecommittedSectors(store, newSectors.map(\.sectorNumber), actorsVersion: version)
            let newPower = try assignSectorsToDeadlines(
                rt, &state, sectors: newSectors, partitionSize: info.windowPoStPartitionSectors, sectorSize: info.sectorSize)

            var newlyVested = TokenAmount.zero
            if !v2 || rt.networkVersion < 7 {
                newlyVested = try Self.recoding(.errIllegalState, "failed to vest new funds") { () throws(ActorError) in
                    try state.unlockVestedFunds(store, epoch: epoch, actorsVersion: version)
                }
            }
            try state.addPreCommitDeposit(TokenAmount.zero - depositToUnlock)
            let balance = try rt.currentBalance()
            if v2 {
                let unlocked = try state.unlockedBalance(balance, actorsVersion: version)
                guard unlocked >= totalPledge else {
                    throw ActorError(.errInsufficientFunds, "insufficient funds for aggregate initial pledge requirement \(totalPledge), available: \(unlocked)")
                }
                try state.addInitialPledge(totalPledge)
                if let violation = state.balanceInvariantViolation(balance) {
                    throw ActorError(Self.errBalanceInvariantBroken, "balance invariants broken: \(violation)")
                }
            } else {
                let available = try state.availableBalance(balance, actorsVersion: version)
                guard available >= totalPledge else {
                    throw ActorError(.errInsufficientFunds, "insufficient funds for aggregate initial pledge requirement \(totalPledge), available: \(available)")
                }
                try state.addInitialPledge(totalPledge)
                try state.assertBalanceInvariants(balance)
            }
            return (newPower, totalPledge, newlyVested)
        }
        try MinerCalls.requestUpdatePower(rt, raw: newPower.raw, qa: newPower.qa)
        try MinerCalls.notifyPledgeChanged(rt, totalPledge - newlyVested)
        return []
    }
}
