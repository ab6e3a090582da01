import DagCBOR
import FilecoinTypes

/// OnDeferredCronEvent: the end of each proving deadline, early terminations and (v0) the
/// worker key change (specs-actors v0 and v2).
extension MinerActor {
    static let cronEventWorkerKeyChange: Int64 = 0
    static let cronEventProvingDeadline: Int64 = 1
    static let cronEventProcessEarlyTerminations: Int64 = 2

    func onDeferredCronEvent(_ rt: any Runtime, _ raw: [UInt8]) throws(ActorError) -> [UInt8] {
        let payload = try rt.decodeParams(MinerCronEventPayload.self, raw)
        try rt.validateImmediateCaller(is: BuiltinAddress.powerActor)
        switch payload.eventType {
        case Self.cronEventProvingDeadline:
            try handleProvingDeadline(rt)
        case Self.cronEventWorkerKeyChange where rt.actorsVersion < 2:
            try commitWorkerKeyChangeV0(rt)
        case Self.cronEventProcessEarlyTerminations:
            if try processEarlyTerminations(rt) { try scheduleEarlyTerminationWork(rt) }
        default:
            break
        }
        return []
    }

    func scheduleEarlyTerminationWork(_ rt: any Runtime) throws(ActorError) {
        try MinerCalls.enrollCronEvent(
            rt, epoch: rt.epoch + 1, payload: MinerCronEventPayload(eventType: Self.cronEventProcessEarlyTerminations))
    }

    private func commitWorkerKeyChangeV0(_ rt: any Runtime) throws(ActorError) {
        try rt.transaction(MinerState.self) { (state) throws(ActorError) in
            var info = try minerInfo(rt, state)
            guard let pending = info.pendingWorkerKey, pending.effectiveAt <= rt.epoch else { return }
            info.worker = pending.newWorker
            info.pendingWorkerKey = nil
            try state.saveInfo(rt.store, info)
        }
    }

    /// `checkPrecommitExpiry` / `ExpirePreCommits`: burns the deposits of expired pre-commits.
    private static func expirePreCommits(_ state: inout MinerState, _ store: any ActorStore, epoch: Int64) throws(ActorError) -> TokenAmount {
        let queue = try BitfieldQueue(loading: state.preCommittedSectorsExpiry, store: store, quant: state.quantSpecEveryDeadline)
        let (expired, modified) = try queue.popUntil(epoch)
        if modified { state.preCommittedSectorsExpiry = try queue.root() }
        var toBurn = TokenAmount.zero
        var toDelete: [UInt64] = []
        for number in expired {
            guard let precommit = try state.getPrecommittedSector(store, number, actorsVersion: state.actorsVersion) else { continue }
            toDelete.append(number)
            toBurn += precommit.preCommitDeposit
        }
        if !toDelete.isEmpty { try state.deletePrecommittedSectors(store, toDelete, actorsVersion: state.actorsVersion) }
        state.preCommitDeposits -= toBurn
        if state.preCommitDeposits.isNegative {
            throw ActorError(.errIllegalState, "pre-commit expiry caused negative deposits: \(state.preCommitDeposits)")
        }
        return toBurn
    }

    private func handleProvingDeadline(_ rt: any Runtime) throws(ActorError) {
        let epoch = rt.epoch
        let store = rt.store
        let nv = rt.networkVersion
        let v2 = rt.actorsVersion >= 2
        let reward = try MinerCalls.requestCurrentEpochBlockReward(rt)
        let totalPower = try MinerCalls.requestCurrentTotalPower(rt)
        var hadEarlyTerminations = false
        var powerDelta = PowerPair.zero
        var penaltyTotal = TokenAmount.zero
        var pledgeDelta = TokenAmount.zero
        // The state as the transaction left it, as Go keeps it in its `st` variable.
        var after: MinerState?
        try rt.transaction(MinerState.self) { (state) throws(ActorError) in
            let vested = try state.unlockVestedFunds(store, epoch: epoch, actorsVersion: state.actorsVersion)
            pledgeDelta -= vested
            if v2 {
                var info = try minerInfo(rt, state)
                if let pending = info.pendingWorkerKey, epoch >= pending.effectiveAt {
                    info.worker = pending.newWorker
                    info.pendingWorkerKey = nil
                    try state.saveInfo(store, info)
                }
                let deposit = try Self.expirePreCommits(&state, store, epoch: epoch)
                try state.applyPenalty(deposit)
            } else {
                penaltyTotal += try Self.expirePreCommits(&state, store, epoch: epoch)
            }
            hadEarlyTerminations = !state.earlyTerminations.isEmpty
            let dlInfo = state.deadlineInfo(epoch)
            if v2 {
                var previouslyFaulty = PowerPair.zero
                if dlInfo.periodStarted {
                    state.currentDeadline = (state.currentDeadline + 1) % MinerDeadlinePolicy.wpostPeriodDeadlines
                    if state.currentDeadline == 0 { state.provingPeriodStart += MinerDeadlinePolicy.wpostProvingPeriod }
                    var deadlines = try state.loadDeadlines(store)
                    var deadline = try deadlines.loadDeadline(store, dlInfo.index)
                    previouslyFaulty = deadline.faultyPower
                    if deadline.liveSectors > 0 {
                        let quant = dlInfo.quantSpec
                        let end = try deadline.processDeadlineEnd(
                            store, quant: quant, faultExpiration: dlInfo.last + MinerDeadlinePolicy.faultMaxAge, actorsVersion: 2)
                        powerDelta = end.powerDelta
                        let expired = try deadline.popExpiredSectors(store, until: dlInfo.last, quant: quant, actorsVersion: 2)
                        pledgeDelta -= expired.onTimePledge
                        try state.addInitialPledge(.zero - expired.onTimePledge)
                        powerDelta -= expired.activePower
                        if !expired.earlySectors.isEmpty { try? state.earlyTerminations.insert(dlInfo.index) }
                        try deadlines.updateDeadline(store, dlInfo.index, deadline, actorsVersion: 2)
                        try state.saveDeadlines(store, deadlines)
                    }
                }
                let target = MinerMonies.pledgePenaltyForContinuedFault(
                    rewardEstimate: reward.rewardSmoothed, networkQAPowerEstimate: totalPower.qualityAdjPowerSmoothed,
                    qaSectorPower: previouslyFaulty.qa)
                try state.applyPenalty(target)
                let (fromVesting, fromBalance) = try state.repayPartialDebtInPriorityOrder(store, epoch: epoch, balance: try rt.currentBalance())
                penaltyTotal = fromVesting + fromBalance
                pledgeDelta -= fromVesting
                after = state
                return
            }
            guard dlInfo.periodStarted else {
                after = state
                return
            }
            var deadlines = try state.loadDeadlines(store)
            var deadline = try deadlines.loadDeadline(store, dlInfo.index)
            let previouslyFaulty = deadline.faultyPower
            let quant = dlInfo.quantSpec
            // v0
            var unlocked = try state.unlockedBalance(try rt.currentBalance(), actorsVersion: 0)
            let end = try deadline.processDeadlineEnd(
                store, quant: quant, faultExpiration: dlInfo.last + MinerDeadlinePolicy.faultMaxAge, actorsVersion: 0)
            powerDelta -= end.newFaultyPower
            if nv < 3 {
                let penalized = end.newFaultyPower.qa + end.penalizedPower.qa
                let target = MinerMonies.pledgePenaltyForUndeclaredFaultV0(
                    rewardEstimate: reward.rewardSmoothed, networkQAPowerEstimate: totalPower.qualityAdjPowerSmoothed,
                    qaSectorPower: penalized, networkVersion: nv)
                    - MinerMonies.pledgePenaltyForDeclaredFaultV0(
                        rewardEstimate: reward.rewardSmoothed, networkQAPowerEstimate: totalPower.qualityAdjPowerSmoothed,
                        qaSectorPower: penalized, networkVersion: nv)
                let (fromVesting, fromBalance) = try state.penalizeFundsInPriorityOrderV0(store, epoch: epoch, target: target, unlocked: unlocked)
                unlocked -= fromBalance
                penaltyTotal += fromVesting + fromBalance
                pledgeDelta -= fromVesting
            }
            let ongoing = nv >= 3 ? previouslyFaulty.qa : deadline.faultyPower.qa
            let target = MinerMonies.pledgePenaltyForDeclaredFaultV0(
                rewardEstimate: reward.rewardSmoothed, networkQAPowerEstimate: totalPower.qualityAdjPowerSmoothed,
                qaSectorPower: ongoing, networkVersion: nv)
            let (fromVesting, fromBalance) = try state.penalizeFundsInPriorityOrderV0(store, epoch: epoch, target: target, unlocked: unlocked)
            penaltyTotal += fromVesting + fromBalance
            pledgeDelta -= fromVesting
            let expired = try deadline.popExpiredSectors(store, until: dlInfo.last, quant: quant, actorsVersion: 0)
            pledgeDelta -= expired.onTimePledge
            try state.addInitialPledge(.zero - expired.onTimePledge)
            powerDelta -= expired.activePower
            if !expired.earlySectors.isEmpty { try? state.earlyTerminations.insert(dlInfo.index) }
            try deadlines.updateDeadline(store, dlInfo.index, deadline, actorsVersion: 0)
            try state.saveDeadlines(store, deadlines)
            state.currentDeadline = (state.currentDeadline + 1) % MinerDeadlinePolicy.wpostPeriodDeadlines
            if state.currentDeadline == 0 { state.provingPeriodStart += MinerDeadlinePolicy.wpostProvingPeriod }
            after = state
        }
        try MinerCalls.requestUpdatePower(rt, raw: powerDelta.raw, qa: powerDelta.qa)
        try MinerCalls.burnFunds(rt, penaltyTotal)
        try MinerCalls.notifyPledgeChanged(rt, pledgeDelta)
        guard let state = after else { throw ActorError(.errIllegalState, "no state after the deadline transaction") }
        try MinerCalls.enrollCronEvent(
            rt, epoch: state.deadlineInfo(epoch).last, payload: MinerCronEventPayload(eventType: Self.cronEventProvingDeadline))
        if !hadEarlyTerminations && !state.earlyTerminations.isEmpty {
            if try processEarlyTerminations(rt) { try scheduleEarlyTerminationWork(rt) }
        }
    }

    /// Processes a batch of early terminations: termination fees, pledge release and the
    /// deals' termination; true when more remain.
    func processEarlyTerminations(_ rt: any Runtime) throws(ActorError) -> Bool {
        let store = rt.store
        let v2 = rt.actorsVersion >= 2
        let nv = rt.networkVersion
        let reward = try MinerCalls.requestCurrentEpochBlockReward(rt)
        let totalPower = try MinerCalls.requestCurrentTotalPower(rt)
        var penalty = TokenAmount.zero
        var pledgeDelta = TokenAmount.zero
        var dealsToTerminate: [(Int64, [UInt64])] = []
        let (result, more) = try rt.transaction(MinerState.self) { (state) throws(ActorError) -> (TerminationResult, Bool) in
            let (result, more) = try state.popEarlyTerminations(
                store, maxPartitions: MinerDeadlinePolicy.addressedPartitionsMax(actorsVersion: state.actorsVersion),
                maxSectors: MinerDeadlinePolicy.addressedSectorsMax)
            if result.isEmpty { return (result, more) }
            let info = try minerInfo(rt, state)
            let sectors = try state.loadSectorsArray(store)
            var totalInitialPledge = TokenAmount.zero
            for (epoch, numbers) in result.byEpoch {
                let infos = try sectors.load(numbers)
                var dealIDs: [UInt64] = []
                for sector in infos {
                    dealIDs.append(contentsOf: sector.dealIDs)
                    totalInitialPledge += sector.initialPledge
                }
                penalty += MinerTermination.terminationPenalty(
                    sectorSize: info.sectorSize, epoch: epoch, networkVersion: nv, rewardEstimate: reward.rewardSmoothed,
                    networkQAPowerEstimate: totalPower.qualityAdjPowerSmoothed, sectors: infos, actorsVersion: state.actorsVersion)
                dealsToTerminate.append((epoch, dealIDs))
            }
            if v2 {
                try state.applyPenalty(penalty)
                try state.addInitialPledge(.zero - totalInitialPledge)
                pledgeDelta -= totalInitialPledge
                let (fromVesting, fromBalance) = try state.repayPartialDebtInPriorityOrder(store, epoch: rt.epoch, balance: try rt.currentBalance())
                penalty = fromVesting + fromBalance
                pledgeDelta -= fromVesting
            } else {
                let unlocked = try state.unlockedBalance(try rt.currentBalance(), actorsVersion: 0)
                let (fromVesting, fromBalance) = try state.penalizeFundsInPriorityOrderV0(store, epoch: rt.epoch, target: penalty, unlocked: unlocked)
                penalty = fromVesting + fromBalance
                try state.addInitialPledge(.zero - totalInitialPledge)
                pledgeDelta = .zero - (totalInitialPledge + fromVesting)
            }
            return (result, more)
        }
        if result.isEmpty { return more }
        try MinerCalls.burnFunds(rt, penalty)
        try MinerCalls.notifyPledgeChanged(rt, pledgeDelta)
        for (epoch, dealIDs) in dealsToTerminate {
            try MinerCalls.requestTerminateDeals(rt, epoch: epoch, dealIDs: dealIDs)
        }
        return more
    }
}
