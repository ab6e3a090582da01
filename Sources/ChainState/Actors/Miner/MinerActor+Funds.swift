import BigInt
import DagCBOR
import FilecoinTypes

/// Funds: AddLockedFund (v0) / ApplyRewards (v2), WithdrawBalance, RepayDebt (v2) and
/// ReportConsensusFault.
extension MinerActor {
    /// v0 method 14: locks `amount` of the unlocked balance in the vesting table.
    func addLockedFund(_ rt: any Runtime, _ amount: TokenAmount) throws(ActorError) -> [UInt8] {
        guard !amount.isNegative else { throw ActorError(.errIllegalArgument, "cannot lock up a negative amount of funds") }
        let spec = rt.networkVersion >= 1 ? MinerPolicy.rewardVestingSpecV1 : MinerPolicy.rewardVestingSpecV0
        let newlyVested = try rt.transaction(MinerState.self) { (state: inout MinerState) throws(ActorError) -> TokenAmount in
            let info = try state.loadInfo(rt.store)
            try rt.validateImmediateCaller(is: Self.controlSet(info) + [BuiltinAddress.rewardActor])
            let unlocked = try state.unlockedBalance(try rt.currentBalance(), actorsVersion: 0)
            guard unlocked >= amount else {
                throw ActorError(.errInsufficientFunds, "insufficient funds to lock, available: \(unlocked), requested: \(amount)")
            }
            return try state.addLockedFunds(rt.store, epoch: rt.epoch, sum: amount, spec: spec)
        }
        try MinerCalls.notifyPledgeChanged(rt, amount - newlyVested)
        return []
    }

    /// v2 method 14: the reward actor pays a block reward (locked on the vesting schedule) and
    /// charges the block's penalty to the fee debt, repaid at once as far as funds allow.
    func applyRewards(_ rt: any Runtime, _ params: ApplyRewardParams) throws(ActorError) -> [UInt8] {
        guard !params.reward.isNegative else { throw ActorError(.errIllegalArgument, "cannot lock up a negative amount of funds") }
        guard !params.penalty.isNegative else { throw ActorError(.errIllegalArgument, "cannot penalize a negative amount of funds") }
        let networkVersion = rt.networkVersion
        let (pledgeDelta, toBurn) = try rt.transaction(MinerState.self) {
            (state: inout MinerState) throws(ActorError) -> (TokenAmount, TokenAmount) in
            try rt.validateImmediateCaller(is: BuiltinAddress.rewardActor)
            let (toLock, spec) = MinerMonies.lockedRewardFromReward(params.reward, networkVersion: networkVersion)
            let unlocked = try state.unlockedBalance(try rt.currentBalance(), actorsVersion: 2)
            guard unlocked >= toLock else {
                throw ActorError(.errInsufficientFunds, "insufficient funds to lock, available: \(unlocked), requested: \(toLock)")
            }
            let newlyVested = try state.addLockedFunds(rt.store, epoch: rt.epoch, sum: toLock, spec: spec)
            var pledgeDelta = toLock - newlyVested
            try state.applyPenalty(params.penalty)
            let (fromVesting, fromBalance) = try state.repayPartialDebtInPriorityOrder(rt.store, epoch: rt.epoch, balance: try rt.currentBalance())
            pledgeDelta -= fromVesting
            return (pledgeDelta, fromVesting + fromBalance)
        }
        try MinerCalls.notifyPledgeChanged(rt, pledgeDelta)
        try MinerCalls.burnFunds(rt, toBurn)
        return []
    }

    func withdrawBalance(_ rt: any Runtime, _ params: MinerWithdrawBalanceParams) throws(ActorError) -> [UInt8] {
        guard !params.amountRequested.isNegative else {
            throw ActorError(.errIllegalArgument, "negative fund requested for withdrawal: \(params.amountRequested)")
        }
        let version = actorsVersion
        let epoch = rt.epoch
        let (state, owner, newlyVested, available, feeToBurn) = try rt.transaction(MinerState.self) {
            (state: inout MinerState) throws(ActorError) -> (MinerState, Address, TokenAmount, TokenAmount, TokenAmount) in
            let info = try state.loadInfo(rt.store)
            try rt.validateImmediateCaller(is: info.owner)
            let pending = state.earlyTerminations.count
            guard pending == 0 else {
                throw ActorError(.errForbidden, "cannot withdraw funds while \(pending) deadlines have terminated sectors with outstanding fees")
            }
            let newlyVested = try Self.recoding(.errIllegalState, "failed to vest fund") { () throws(ActorError) in
                try state.unlockVestedFunds(rt.store, epoch: epoch, actorsVersion: version)
            }
            var available = TokenAmount.zero
            var feeToBurn = TokenAmount.zero
            if v2 {
                available = try state.availableBalance(try rt.currentBalance(), actorsVersion: version)
                feeToBurn = try state.repayDebts(balance: try rt.currentBalance())
            } else {
                guard try state.meetsInitialPledgeCondition(try rt.currentBalance()) else {
                    throw ActorError(.errInsufficientFunds, "unlocked balance does not cover pledge requirements")
                }
            }
            return (state, info.owner, newlyVested, available, feeToBurn)
        }
        let withdrawn: TokenAmount
        if v2 {
            withdrawn = min(available, params.amountRequested)
            guard !withdrawn.isNegative else { throw MinerState.assertionFailure("negative withdrawal") }
            if withdrawn > .zero {
                let result = try rt.send(to: owner, method: 0, params: [], value: withdrawn)
                try MinerCalls.require(result, "failed to withdraw balance")
            }
            try MinerCalls.burnFunds(rt, feeToBurn)
        } else {
            let balance = try rt.currentBalance()
            withdrawn = min(try state.availableBalance(balance, actorsVersion: version), params.amountRequested)
            guard !withdrawn.isNegative, withdrawn <= balance else { throw MinerState.assertionFailure("bad withdrawal amount") }
            let result = try rt.send(to: owner, method: 0, params: [], value: withdrawn)
            try MinerCalls.require(result, "failed to withdraw balance")
        }
        try MinerCalls.notifyPledgeChanged(rt, TokenAmount.zero - newlyVested)
        let balance = try rt.currentBalance()
        if v2 {
            if let violation = state.balanceInvariantViolation(balance) {
                throw ActorError(Self.errBalanceInvariantBroken, "balance invariants broken: \(violation)")
            }
        } else {
            try state.assertBalanceInvariants(balance)
        }
        return []
    }

    /// v2: repays as much fee debt as the unlocked funds allow.
    func repayDebt(_ rt: any Runtime) throws(ActorError) -> [UInt8] {
        let (state, fromVesting, fromBalance) = try rt.transaction(MinerState.self) {
            (state: inout MinerState) throws(ActorError) -> (MinerState, TokenAmount, TokenAmount) in
            let info = try state.loadInfo(rt.store)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            let (fromVesting, fromBalance) = try state.repayPartialDebtInPriorityOrder(rt.store, epoch: rt.epoch, balance: try rt.currentBalance())
            return (state, fromVesting, fromBalance)
        }
        try MinerCalls.notifyPledgeChanged(rt, TokenAmount.zero - fromVesting)
        try MinerCalls.burnFunds(rt, fromVesting + fromBalance)
        if let violation = state.balanceInvariantViolation(try rt.currentBalance()) {
            throw ActorError(Self.errBalanceInvariantBroken, "balance invariants broken: \(violation)")
        }
        return []
    }

    // MARK: ReportConsensusFault

    func reportConsensusFault(_ rt: any Runtime, _ params: ReportConsensusFaultParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(type: [ActorCodes.code("account", actorsVersion: actorsVersion), ActorCodes.code("multisig", actorsVersion: actorsVersion)])
        let reporter = rt.caller
        guard let fault = try rt.verifyConsensusFault(h1: params.blockHeader1, h2: params.blockHeader2, extra: params.blockHeaderExtra) else {
            throw ActorError(.errIllegalArgument, "fault not verified: no consensus fault")
        }
        let epoch = rt.epoch
        let age = epoch - fault.epoch
        guard age > 0 else { throw ActorError(.errIllegalArgument, "invalid fault epoch \(fault.epoch) ahead of current \(epoch)") }

        if !v2 {
            let reward = MinerPolicy.rewardForConsensusSlashReport(elapsed: age, collateral: try rt.currentBalance(), actorsVersion: 0)
            let paid = try rt.send(to: reporter, method: 0, params: [], value: reward)
            try MinerCalls.require(paid, "failed to reward reporter")
            let state = try rt.state(MinerState.self)
            let notified = try rt.send(
                to: BuiltinAddress.powerActor, method: MinerCalls.powerOnConsensusFault, params: state.lockedFunds.cborBytes, value: .zero)
            try MinerCalls.require(notified, "failed to notify power actor on consensus fault")
            // terminateMiner: every sector's deals terminated, then the actor deleted, its funds burnt.
            let current = try rt.state(MinerState.self)
            var dealIDs: [UInt64] = []
            let sectors = try ActorAMT(loading: current.sectors, store: rt.store)
            try sectors.forEach { (_, bytes) throws(ActorError) in dealIDs.append(contentsOf: try MinerState.decodeSector(bytes).dealIDs) }
            try MinerCalls.requestTerminateDeals(rt, epoch: epoch, dealIDs: dealIDs)
            try rt.deleteActor(beneficiary: BuiltinAddress.burntFundsActor)
            return []
        }

        let rewardStats = try MinerCalls.requestCurrentEpochBlockReward(rt)
        let penalty = MinerMonies.consensusFaultPenalty(thisEpochReward: TokenAmount(attoFIL: rewardStats.rewardSmoothed.estimate))
        let slasherReward = MinerPolicy.rewardForConsensusSlashReport(elapsed: age, collateral: penalty, actorsVersion: 2)
        let (burn, reward, pledgeDelta) = try rt.transaction(MinerState.self) {
            (state: inout MinerState) throws(ActorError) -> (TokenAmount, TokenAmount, TokenAmount) in
            var info = try state.loadInfo(rt.store)
            let elapsed = info.consensusFaultElapsed ?? -1
            guard fault.epoch >= elapsed else {
                throw ActorError(.errForbidden, "fault epoch \(fault.epoch) is too old, last exclusion period ended at \(elapsed)")
            }
            try state.applyPenalty(penalty)
            let (fromVesting, fromBalance) = try state.repayPartialDebtInPriorityOrder(rt.store, epoch: epoch, balance: try rt.currentBalance())
            var burn = fromVesting + fromBalance
            let reward = min(burn, slasherReward)
            burn -= reward
            info.consensusFaultElapsed = epoch + MinerPolicy.consensusFaultIneligibilityDuration
            try state.saveInfo(rt.store, info)
            return (burn, reward, TokenAmount.zero - fromVesting)
        }
        // A reporter that cannot receive forfeits its reward; the fault still stands.
        _ = try rt.send(to: reporter, method: 0, params: [], value: reward)
        try MinerCalls.burnFunds(rt, burn)
        try MinerCalls.notifyPledgeChanged(rt, pledgeDelta)
        let state = try rt.state(MinerState.self)
        if let violation = state.balanceInvariantViolation(try rt.currentBalance()) {
            throw ActorError(Self.errBalanceInvariantBroken, "balance invariants broken: \(violation)")
        }
        return []
    }
}
