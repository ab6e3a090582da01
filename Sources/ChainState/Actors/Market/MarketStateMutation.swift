import DagCBOR
import FilecoinTypes

/// specs-actors' `marketStateMutation`: the parts of ``MarketState`` a method opens, loaded in a
/// fixed order (proposals, states, locked table, escrow table, pending proposals, deal ops) and
/// flushed in the same order by ``commit()``, since each load and flush is charged gas.
///
/// The balance operations keep the invariant that locked never exceeds escrow per address, and
/// the three locked totals equal what the locked table holds by reason.
final class MarketStateMutation {
    enum Permission: Int, Comparable {
        case none, read, write
        static func < (a: Permission, b: Permission) -> Bool { a.rawValue < b.rawValue }
    }

    /// Why an amount is locked (selects the total it counts in).
    enum LockReason {
        case clientCollateral, clientStorageFee, providerCollateral
    }

    var state: MarketState
    let store: any ActorStore
    let sorts: Bool

    private(set) var proposalsPermit = Permission.none
    private(set) var statesPermit = Permission.none
    private(set) var escrowPermit = Permission.none
    private(set) var lockedPermit = Permission.none
    private(set) var pendingPermit = Permission.none
    private(set) var dealOpsPermit = Permission.none

    private var _proposals: ActorAMT?
    private var _states: ActorAMT?
    private var _escrow: BalanceTable?
    private var _locked: BalanceTable?
    private var _pending: ActorHAMT?
    private var _dealOps: SetMultimap?

    var totalClientLockedCollateral = TokenAmount.zero
    var totalProviderLockedCollateral = TokenAmount.zero
    var totalClientStorageFee = TokenAmount.zero
    var nextDealID: UInt64

    /// `sorts`: go-hamt-ipld v2's collapse order (actors v2), v0.1's otherwise.
    /// For the exit code of a failed assertion.
    let networkVersion: UInt64

    init(_ state: MarketState, store: any ActorStore, sorts: Bool, networkVersion: UInt64) {
        self.networkVersion = networkVersion
        self.state = state
        self.store = store
        self.sorts = sorts
        self.nextDealID = state.nextID
    }

    func with(
        proposals: Permission = .none, states: Permission = .none, escrow: Permission = .none, locked: Permission = .none,
        pending: Permission = .none, dealOps: Permission = .none
    ) -> MarketStateMutation {
        proposalsPermit = proposals
        statesPermit = states
        escrowPermit = escrow
        lockedPermit = locked
        pendingPermit = pending
        dealOpsPermit = dealOps
        return self
    }

    /// Loads what was asked for, in Go's order.
    func build() throws(ActorError) -> MarketStateMutation {
        if proposalsPermit != .none { _proposals = try ActorAMT(loading: state.proposals, store: store) }
        if statesPermit != .none { _states = try ActorAMT(loading: state.states, store: store) }
        if lockedPermit != .none {
            _locked = try BalanceTable(loading: state.lockedTable, store: store, sortsOnCollapse: sorts)
            totalClientLockedCollateral = state.totalClientLockedCollateral
            totalClientStorageFee = state.totalClientStorageFee
            totalProviderLockedCollateral = state.totalProviderLockedCollateral
        }
        if escrowPermit != .none { _escrow = try BalanceTable(loading: state.escrowTable, store: store, sortsOnCollapse: sorts) }
        if pendingPermit != .none { _pending = try ActorHAMT(loading: state.pendingProposals, store: store, sortsOnCollapse: sorts) }
        if dealOpsPermit != .none { _dealOps = try SetMultimap(loading: state.dealOpsByEpoch, store: store, sortsOnCollapse: sorts) }
        nextDealID = state.nextID
        return self
    }

    /// Flushes what was opened for writing, in Go's order, into `state`.
    func commit() throws(ActorError) {
        if proposalsPermit == .write, let amt = _proposals { state.proposals = try amt.flush() }
        if statesPermit == .write, let amt = _states { state.states = try amt.flush() }
        if lockedPermit == .write, let table = _locked {
            state.lockedTable = try table.flush()
            state.totalClientLockedCollateral = totalClientLockedCollateral
            state.totalProviderLockedCollateral = totalProviderLockedCollateral
            state.totalClientStorageFee = totalClientStorageFee
        }
        if escrowPermit == .write, let table = _escrow { state.escrowTable = try table.flush() }
        if pendingPermit == .write, let map = _pending { state.pendingProposals = try map.flush() }
        if dealOpsPermit == .write, let map = _dealOps { state.dealOpsByEpoch = try map.flush() }
        state.nextID = nextDealID
    }

    // MARK: Opened parts (asking for one not opened is a bug of this actor, not of the input)

    private static func unopened(_ name: String) -> ActorError { .fatal("market state mutation: \(name) not opened") }

    func proposals() throws(ActorError) -> ActorAMT {
        guard let value = _proposals else { throw Self.unopened("proposals") }
        return value
    }

    func states() throws(ActorError) -> ActorAMT {
        guard let value = _states else { throw Self.unopened("states") }
        return value
    }

    func escrow() throws(ActorError) -> BalanceTable {
        guard let value = _escrow else { throw Self.unopened("escrow table") }
        return value
    }

    func locked() throws(ActorError) -> BalanceTable {
        guard let value = _locked else { throw Self.unopened("locked table") }
        return value
    }

    func pending() throws(ActorError) -> ActorHAMT {
        guard let value = _pending else { throw Self.unopened("pending proposals") }
        return value
    }

    func dealOps() throws(ActorError) -> SetMultimap {
        guard let value = _dealOps else { throw Self.unopened("deal ops") }
        return value
    }

    // MARK: Deals

    func generateDealID() -> UInt64 {
        let id = nextDealID
        nextDealID &+= 1
        return id
    }

    /// The proposal of `dealID`, or nil when absent.
    func proposal(_ dealID: UInt64) throws(ActorError) -> DealProposal? {
        try Self.proposal(in: proposals(), dealID)
    }

    static func proposal(in amt: ActorAMT, _ dealID: UInt64) throws(ActorError) -> DealProposal? {
        guard let raw = try amt.get(dealID) else { return nil }
        do { return try DealProposal(cborBytes: raw) } catch {
            throw ActorError(.errIllegalState, "failed to decode proposal \(dealID): \(error)")
        }
    }

    /// The proposal of `dealID`; absent is ErrNotFound.
    func requireProposal(_ dealID: UInt64) throws(ActorError) -> DealProposal {
        guard let proposal = try proposal(dealID) else { throw ActorError(.errNotFound, "no such deal \(dealID)") }
        return proposal
    }

    /// The state of `dealID`, or nil when absent.
    func dealState(_ dealID: UInt64) throws(ActorError) -> DealState? {
        guard let raw = try states().get(dealID) else { return nil }
        do { return try DealState(cborBytes: raw) } catch {
            throw ActorError(.errIllegalState, "failed to decode deal state \(dealID): \(error)")
        }
    }

    func setDealState(_ dealID: UInt64, _ dealState: DealState) throws(ActorError) {
        try states().set(dealID, dealState.cborBytes)
    }

    // MARK: Balances

    /// Locks the client's fee and collateral and the provider's collateral; either party
    /// short of free escrow is ErrInsufficientFunds.
    func lockClientAndProviderBalances(_ proposal: DealProposal) throws(ActorError) {
        try maybeLockBalance(proposal.client, proposal.clientBalanceRequirement, party: "client")
        try maybeLockBalance(proposal.provider, proposal.providerCollateral, party: "provider")
        totalClientLockedCollateral += proposal.clientCollateral
        totalClientStorageFee += proposal.totalStorageFee
        totalProviderLockedCollateral += proposal.providerCollateral
    }

    private func maybeLockBalance(_ address: Address, _ amount: TokenAmount, party: String) throws(ActorError) {
        guard !amount.isNegative else { throw uncontrolled("negative amount to lock") }
        let previous = try locked().get(address)
        let escrowBalance = try escrow().get(address)
        guard previous + amount <= escrowBalance else {
            throw ActorError(
                .errInsufficientFunds,
                "failed to lock \(party) funds: not enough balance to lock for addr \(address): escrow balance \(escrowBalance) < locked \(previous) + required \(amount)")
        }
        try locked().add(address, amount)
    }

    func unlockBalance(_ address: Address, _ amount: TokenAmount, _ reason: LockReason) throws(ActorError) {
        guard !amount.isNegative else { throw uncontrolled("negative amount to unlock") }
        try locked().mustSubtract(address, amount)
        switch reason {
        case .clientCollateral: totalClientLockedCollateral -= amount
        case .clientStorageFee: totalClientStorageFee -= amount
        case .providerCollateral: totalProviderLockedCollateral -= amount
        }
    }

    /// Moves `amount` of the client's locked storage fee into the provider's free escrow.
    func transferBalance(from: Address, to: Address, _ amount: TokenAmount) throws(ActorError) {
        guard !amount.isNegative else { throw uncontrolled("negative transfer") }
        try escrow().mustSubtract(from, amount)
        try unlockBalance(from, amount, .clientStorageFee)
        try escrow().add(to, amount)
    }

    func slashBalance(_ address: Address, _ amount: TokenAmount, _ reason: LockReason) throws(ActorError) {
        guard !amount.isNegative else { throw uncontrolled("negative slash") }
        try escrow().mustSubtract(address, amount)
        try unlockBalance(address, amount, reason)
    }

    // MARK: Deal processing (cron)

    /// Pays a deal up to `epoch` and settles it when slashed or expired: returns the amount
    /// slashed, the next epoch to process it (-1 when removed) and whether to remove it.
    func updatePendingDealState(_ dealState: DealState, _ deal: DealProposal, epoch: Int64) throws(ActorError) -> (
        slashed: TokenAmount, nextEpoch: Int64, remove: Bool
    ) {
        let everUpdated = dealState.lastUpdatedEpoch != MarketActor.epochUndefined
        let everSlashed = dealState.slashEpoch != MarketActor.epochUndefined
        guard !everUpdated || dealState.lastUpdatedEpoch <= epoch else { throw uncontrolled("deal updated in the future") }
        if deal.startEpoch > epoch { return (.zero, MarketActor.epochUndefined, false) }

        var paymentEndEpoch = deal.endEpoch
        if everSlashed {
            guard epoch >= dealState.slashEpoch else { throw uncontrolled("current epoch less than slash epoch") }
            guard dealState.slashEpoch <= deal.endEpoch else { throw uncontrolled("slash epoch after deal end") }
            paymentEndEpoch = dealState.slashEpoch
        } else if epoch < paymentEndEpoch {
            paymentEndEpoch = epoch
        }
        var paymentStartEpoch = deal.startEpoch
        if everUpdated, dealState.lastUpdatedEpoch > paymentStartEpoch { paymentStartEpoch = dealState.lastUpdatedEpoch }
        let elapsed = paymentEndEpoch &- paymentStartEpoch
        let totalPayment = deal.storagePricePerEpoch * .init(elapsed)
        if totalPayment > .zero { try transferBalance(from: deal.client, to: deal.provider, totalPayment) }

        if everSlashed {
            let remaining = try paymentRemaining(deal, slashEpoch: dealState.slashEpoch)
            try unlockBalance(deal.client, remaining, .clientStorageFee)
            try unlockBalance(deal.client, deal.clientCollateral, .clientCollateral)
            let slashed = deal.providerCollateral
            try slashBalance(deal.provider, slashed, .providerCollateral)
            return (slashed, MarketActor.epochUndefined, true)
        }
        if epoch >= deal.endEpoch {
            try processDealExpired(deal, dealState)
            return (.zero, MarketActor.epochUndefined, true)
        }
        return (.zero, epoch &+ MarketPolicy.dealUpdatesInterval, false)
    }

    /// A deal not activated by its start epoch: the client's lock is released and the
    /// provider's collateral slashed. Returns the amount slashed.
    func processDealInitTimedOut(_ deal: DealProposal) throws(ActorError) -> TokenAmount {
        try unlockBalance(deal.client, deal.totalStorageFee, .clientStorageFee)
        try unlockBalance(deal.client, deal.clientCollateral, .clientCollateral)
        let slashed = MarketPolicy.collateralPenaltyForDealActivationMissed(deal.providerCollateral)
        let remaining = deal.providerBalanceRequirement - slashed
        try slashBalance(deal.provider, slashed, .providerCollateral)
        try unlockBalance(deal.provider, remaining, .providerCollateral)
        return slashed
    }

    private func processDealExpired(_ deal: DealProposal, _ dealState: DealState) throws(ActorError) {
        guard dealState.sectorStartEpoch != MarketActor.epochUndefined else { throw uncontrolled("expired deal never started") }
        try unlockBalance(deal.provider, deal.providerCollateral, .providerCollateral)
        try unlockBalance(deal.client, deal.clientCollateral, .clientCollateral)
    }

    private func uncontrolled(_ message: String) -> ActorError {
        MarketActor.uncontrolled(networkVersion: networkVersion, message)
    }

    func paymentRemaining(_ deal: DealProposal, slashEpoch: Int64) throws(ActorError) -> TokenAmount {
        guard slashEpoch <= deal.endEpoch else { throw uncontrolled("slash epoch after deal end") }
        let from = max(slashEpoch, deal.startEpoch)
        let remaining = deal.endEpoch &- from
        guard remaining >= 0 else { throw uncontrolled("negative remaining duration") }
        return deal.storagePricePerEpoch * .init(remaining)
    }
}
