import DagCBOR
import FilecoinTypes

/// Vesting, deposits, pledge and fee debt on the miner's state (specs-actors `State` funds
/// methods; v2's skip the vesting table when nothing is locked, which changes block traffic).
extension MinerState {
    /// A Go panic in actor code (a failed `Assert`): Lotus turns it into exit code 1 up to
    /// network version 3, SysErrReserved1 after (``MinerActor`` rewrites the code).
    static func assertionFailure(_ message: String) -> ActorError {
        ActorError(ExitCode(1), MinerActor.panicPrefix + message)
    }

    public func loadVestingFunds(_ store: any ActorStore) throws(ActorError) -> VestingFunds {
        let bytes = try store.get(vestingFunds)
        do { return try VestingFunds(cborBytes: bytes) } catch { throw ActorError(.errIllegalState, "failed to load vesting funds: \(error)") }
    }

    public mutating func saveVestingFunds(_ store: any ActorStore, _ funds: VestingFunds) throws(ActorError) {
        vestingFunds = try store.put(funds.cborBytes)
    }

    public mutating func addPreCommitDeposit(_ amount: TokenAmount) throws(ActorError) {
        let total = preCommitDeposits + amount
        guard !total.isNegative else { throw Self.assertionFailure("negative pre-commit deposit \(total)") }
        preCommitDeposits = total
    }

    public mutating func addInitialPledge(_ amount: TokenAmount) throws(ActorError) {
        let total = initialPledge + amount
        guard !total.isNegative else { throw Self.assertionFailure("negative initial pledge requirement \(total)") }
        initialPledge = total
    }

    /// Vests what is due, then locks `sum` on `spec`'s schedule; returns the amount vested.
    public mutating func addLockedFunds(
        _ store: any ActorStore, epoch: Int64, sum: TokenAmount, spec: MinerPolicy.VestSpec
    ) throws(ActorError) -> TokenAmount {
        guard !sum.isNegative else { throw Self.assertionFailure("negative vesting sum \(sum)") }
        var funds = try loadVestingFunds(store)
        let unlocked = funds.unlockVestedFunds(epoch: epoch)
        lockedFunds -= unlocked
        guard !lockedFunds.isNegative else { throw Self.assertionFailure("negative locked funds") }
        funds.addLockedFunds(epoch: epoch, sum: sum, provingPeriodStart: provingPeriodStart, spec: spec)
        lockedFunds += sum
        try saveVestingFunds(store, funds)
        return unlocked
    }

    /// Unlocks what vested before `epoch`; returns it.
    public mutating func unlockVestedFunds(_ store: any ActorStore, epoch: Int64, actorsVersion: Int) throws(ActorError) -> TokenAmount {
        if actorsVersion >= 2, lockedFunds.isZero { return .zero }
        var funds = try loadVestingFunds(store)
        let unlocked = funds.unlockVestedFunds(epoch: epoch)
        lockedFunds -= unlocked
        if lockedFunds.isNegative {
            if actorsVersion >= 2 { throw ActorError(.errIllegalState, "vesting cause locked funds negative \(lockedFunds)") }
            throw Self.assertionFailure("negative locked funds")
        }
        try saveVestingFunds(store, funds)
        return unlocked
    }

    /// Unlocks up to `target` of funds not yet vested, soonest first; returns the amount.
    public mutating func unlockUnvestedFunds(
        _ store: any ActorStore, epoch: Int64, target: TokenAmount, actorsVersion: Int
    ) throws(ActorError) -> TokenAmount {
        if actorsVersion >= 2, target.isZero || lockedFunds.isZero { return .zero }
        var funds = try loadVestingFunds(store)
        let unlocked = funds.unlockUnvestedFunds(epoch: epoch, target: target)
        lockedFunds -= unlocked
        guard !lockedFunds.isNegative else { throw Self.assertionFailure("negative locked funds") }
        try saveVestingFunds(store, funds)
        return unlocked
    }

    /// What has vested before `epoch`, without changing anything (one read of the table).
    public func checkVestedFunds(_ store: any ActorStore, epoch: Int64) throws(ActorError) -> TokenAmount {
        var total = TokenAmount.zero
        for fund in try loadVestingFunds(store).funds {
            if fund.epoch >= epoch { break }
            total += fund.amount
        }
        return total
    }

    /// v0: balance − locked − deposits (asserted non-negative); v2 also subtracts the initial
    /// pledge (negative is ErrIllegalState).
    public func unlockedBalance(_ balance: TokenAmount, actorsVersion: Int) throws(ActorError) -> TokenAmount {
        if actorsVersion >= 2 {
            let unlocked = balance - lockedFunds - preCommitDeposits - initialPledge
            guard !unlocked.isNegative else { throw ActorError(.errIllegalState, "negative unlocked balance \(unlocked)") }
            return unlocked
        }
        let unlocked = balance - lockedFunds - preCommitDeposits
        guard !unlocked.isNegative else { throw Self.assertionFailure("negative unlocked balance \(unlocked)") }
        return unlocked
    }

    /// What may be spent: v0 unlocked − initial pledge (may be negative), v2 unlocked − fee debt.
    public func availableBalance(_ balance: TokenAmount, actorsVersion: Int) throws(ActorError) -> TokenAmount {
        let unlocked = try unlockedBalance(balance, actorsVersion: actorsVersion)
        return actorsVersion >= 2 ? unlocked - (feeDebt ?? .zero) : unlocked - initialPledge
    }

    /// v0 `AssertBalanceInvariants`.
    public func assertBalanceInvariants(_ balance: TokenAmount) throws(ActorError) {
        guard !preCommitDeposits.isNegative, !lockedFunds.isNegative, balance >= preCommitDeposits + lockedFunds else {
            throw Self.assertionFailure("balance invariants broken")
        }
    }

    /// v2 `CheckBalanceInvariants`: nil when they hold, else why not.
    public func balanceInvariantViolation(_ balance: TokenAmount) -> String? {
        if preCommitDeposits.isNegative { return "pre-commit deposit is negative: \(preCommitDeposits)" }
        if lockedFunds.isNegative { return "locked funds is negative: \(lockedFunds)" }
        if initialPledge.isNegative { return "initial pledge is negative: \(initialPledge)" }
        if let feeDebt, feeDebt.isNegative { return "fee debt is negative: \(feeDebt)" }
        let minimum = preCommitDeposits + lockedFunds + initialPledge
        if balance < minimum { return "balance \(balance) below required \(minimum)" }
        return nil
    }

    /// v0: whether the unlocked balance covers the initial pledge requirement.
    public func meetsInitialPledgeCondition(_ balance: TokenAmount) throws(ActorError) -> Bool {
        try unlockedBalance(balance, actorsVersion: 0) >= initialPledge
    }

    public var isDebtFree: Bool { (feeDebt ?? .zero) <= .zero }

    /// v2: adds a penalty to the fee debt.
    public mutating func applyPenalty(_ penalty: TokenAmount) throws(ActorError) {
        guard !penalty.isNegative else { throw ActorError(.errIllegalState, "applying negative penalty \(penalty) not allowed") }
        feeDebt = (feeDebt ?? .zero) + penalty
    }

    /// v2: pays the fee debt from unvested funds first, then from the unlocked balance.
    public mutating func repayPartialDebtInPriorityOrder(
        _ store: any ActorStore, epoch: Int64, balance: TokenAmount
    ) throws(ActorError) -> (fromVesting: TokenAmount, fromBalance: TokenAmount) {
        let unlocked = try unlockedBalance(balance, actorsVersion: 2)
        let debt = feeDebt ?? .zero
        let fromVesting = try unlockUnvestedFunds(store, epoch: epoch, target: debt, actorsVersion: 2)
        guard fromVesting <= debt else { throw Self.assertionFailure("unlocked more than the debt") }
        var remaining = debt - fromVesting
        let fromBalance = min(unlocked, remaining)
        remaining -= fromBalance
        feeDebt = remaining
        return (fromVesting, fromBalance)
    }

    /// v2: the whole fee debt, repaid from the unlocked balance (ErrInsufficientFunds if it can't be).
    public mutating func repayDebts(balance: TokenAmount) throws(ActorError) -> TokenAmount {
        let unlocked = try unlockedBalance(balance, actorsVersion: 2)
        let debt = feeDebt ?? .zero
        guard unlocked >= debt else {
            throw ActorError(.errInsufficientFunds, "unlocked balance can not repay fee debt (\(unlocked) < \(debt))")
        }
        feeDebt = .zero
        return debt
    }
}
