import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Proofs

/// The chain's states (Lotus `stmgr.StateManager`): the state and receipts a tipset's execution
/// leaves, the next base fee, lookback states, message search and wait, and calls.
///
/// Execution: a tipset's messages run on its `ParentStateRoot` through `TipsetExecutor`, with
/// the randomness of its own chain (``ChainRandomness``) and the circulating supply of its
/// parent state. A parent state that is not stored is recomputed by executing the parent (and
/// so on back), and each recomputed state must equal what the child's headers name. Results are
/// cached by tipset key (bounded, least recently used first out); concurrent requests for one
/// tipset share one execution. Block application runs in a detached task, so this actor stays
/// responsive while a tipset executes.
public actor StateManager {
    /// How the VM's circulating supply is obtained.
    public enum SupplyMode: Sendable {
        /// Lotus's formula over the parent state (``CirculatingSupply``).
        case lotus
        /// A constant (the conformance corpus uses zero; tests with partial states too).
        case fixed(TokenAmount)
    }

    public nonisolated let chain: ChainStore
    public nonisolated let store: any Blockstore
    public nonisolated let schedule: NetworkUpgradeSchedule
    public nonisolated let registry: ActorRegistry
    public nonisolated let proofs: any ProofVerifier
    public nonisolated let consensusFaults: (any ConsensusFaultVerifier)?
    public nonisolated let supplyMode: SupplyMode
    public nonisolated let supplyHeights: CirculatingSupply.Heights

    private var states: BoundedCache<TipSetKey, TipSetState>
    private nonisolated let parentStates = StateTreeViewCache()
    private var inFlight: [TipSetKey: Task<TipSetState, any Error>] = [:]

    public init(
        chain: ChainStore, schedule: NetworkUpgradeSchedule, registry: ActorRegistry = .builtin(),
        proofs: any ProofVerifier = UnavailableProofVerifier(), consensusFaults: (any ConsensusFaultVerifier)? = nil,
        supply: SupplyMode = .lotus, cacheSize: Int = 2048
    ) {
        self.chain = chain
        self.store = chain.blockstore
        self.schedule = schedule
        self.registry = registry
        self.proofs = proofs
        self.consensusFaults = consensusFaults
        self.supplyMode = supply
        self.supplyHeights = CirculatingSupply.Heights(schedule: schedule)
        self.states = BoundedCache(capacity: cacheSize)
    }

    // MARK: Execution

    /// The state and receipts `tipset`'s execution leaves (Lotus `TipSetState`). The genesis is
    /// not executed: its own parent state and receipts are its result.
    public func tipSetState(_ tipset: TipSet) async throws(StateManagerError) -> TipSetState {
        if tipset.height == 0 {
            return TipSetState(stateRoot: tipset.parentStateRoot, receiptsRoot: tipset.blocks[0].parentMessageReceipts)
        }
        if let cached = states.value(for: tipset.key) { return cached }
        // Walk back to the first tipset whose parent state is stored; run forward from there.
        var pending = [tipset]
        var cursor = tipset
        while !(try stateIsStored(cursor.parentStateRoot)) {
            let parent = try await loadTipSet(cursor.parents)
            guard parent.height > 0 else { throw .missingState(cursor.key, cursor.parentStateRoot) }
            pending.append(parent)
            cursor = parent
        }
        var result: TipSetState?
        for next in pending.reversed() {
            if let previous = result {
                guard next.parentStateRoot == previous.stateRoot else {
                    throw .stateMismatch(next.key, expected: next.parentStateRoot, computed: previous.stateRoot)
                }
                let receipts = next.blocks[0].parentMessageReceipts
                guard receipts == previous.receiptsRoot else {
                    throw .receiptsMismatch(next.key, expected: receipts, computed: previous.receiptsRoot)
                }
            }
            result = try await execute(next)
        }
        guard let result else { throw .missingState(tipset.key, tipset.parentStateRoot) }
        return result
    }

    /// The receipts of `tipset`'s messages, in application order.
    public func receipts(of tipset: TipSet) async throws(StateManagerError) -> [MessageReceipt] {
        let state = try await tipSetState(tipset)
        do { return try chain.messageStore.receipts(root: state.receiptsRoot) } catch { throw .chain(error) }
    }

    private func execute(_ tipset: TipSet) async throws(StateManagerError) -> TipSetState {
        if let cached = states.value(for: tipset.key) { return cached }
        if let running = inFlight[tipset.key] { return try await Self.value(of: running, tipset: tipset.key) }
        let parent = try await loadTipSet(tipset.parents)
        let blocks = try await blockMessages(for: tipset)
        let supplySource = await supplySource(epoch: tipset.height)
        let supply: TokenAmount
        if supplySource == nil {
            supply = try await circulatingSupply(epoch: tipset.height, stateRoot: tipset.parentStateRoot)
        } else {
            // Only a fallback for a failed per-request computation (which Lotus would report
            // to the asking actor as an illegal-state abort); a state without the actors the
            // formula reads executes as long as no actor asks.
            supply = (try? await circulatingSupply(epoch: tipset.height, stateRoot: tipset.parentStateRoot)) ?? .zero
        }
        // Another caller may have started it while this one awaited.
        if let cached = states.value(for: tipset.key) { return cached }
        if let running = inFlight[tipset.key] { return try await Self.value(of: running, tipset: tipset.key) }
        let executor = TipsetExecutor(
            store: store, registry: registry, schedule: schedule, circulatingSupply: supply,
            randomness: ChainRandomness(reader: ChainReader(store: store), tipset: tipset, schedule: schedule),
            proofs: proofs, consensusFaults: consensusFaults, supplySource: supplySource)
        let executable = ExecutableTipset(
            parentStateRoot: tipset.parentStateRoot, parentEpoch: parent.height, epoch: tipset.height,
            baseFee: tipset.blocks[0].parentBaseFee, blocks: blocks)
        let task = Task.detached { () throws -> TipSetState in
            let result = try executor.execute(executable)
            return TipSetState(stateRoot: result.stateRoot, receiptsRoot: result.receiptsRoot)
        }
        inFlight[tipset.key] = task
        defer { inFlight[tipset.key] = nil }
        let result = try await Self.value(of: task, tipset: tipset.key)
        states.insert(result, for: tipset.key)
        return result
    }

    private static func value(of task: Task<TipSetState, any Error>, tipset: TipSetKey) async throws(StateManagerError) -> TipSetState {
        do { return try await task.value } catch let error as TipsetExecutionError {
            throw .execution(tipset, error)
        } catch let error as StateManagerError {
            throw error
        } catch {
            throw .execution(tipset, .fatal("\(error)"))
        }
    }

    private func stateIsStored(_ root: CID) throws(StateManagerError) -> Bool {
        do { return try store.has(root) } catch { throw .chain(.from(error)) }
    }

    // Chain store reads with their errors mapped.

    private func loadTipSet(_ key: TipSetKey) async throws(StateManagerError) -> TipSet {
        do { return try await chain.tipSet(key) } catch { throw .chain(error) }
    }

    private func currentHead() async throws(StateManagerError) -> TipSet {
        do { return try await chain.requireHead() } catch { throw .chain(error) }
    }

    private func tipSet(atHeight height: Int64, from start: TipSet, prev: Bool) async throws(StateManagerError) -> TipSet {
        do { return try await chain.tipSet(atHeight: height, from: start, prev: prev) } catch { throw .chain(error) }
    }

    private func blockMessages(for tipset: TipSet) async throws(StateManagerError) -> [BlockMessages] {
        do { return try await chain.blockMessages(for: tipset) } catch { throw .chain(error) }
    }

    private func messages(for tipset: TipSet) async throws(StateManagerError) -> [ChainMessage] {
        do { return try await chain.messages(for: tipset) } catch { throw .chain(error) }
    }

    // MARK: Supply, base fee, lookback

    /// The circulating supply the VM sees at `epoch` over `stateRoot`.
    public func circulatingSupply(epoch: Int64, stateRoot: CID) async throws(StateManagerError) -> TokenAmount {
        switch supplyMode {
        case .fixed(let amount): return amount
        case .lotus: return try await circulatingSupplyDetail(epoch: epoch, stateRoot: stateRoot).circulating
        }
    }

    /// The VM's per-request supply: Lotus's formula on the VM's current state up to network
    /// version 14 (`LegacyVM.GetCircSupply`); nil (the constant) for a fixed supply.
    private func supplySource(epoch: Int64) async -> (any CirculatingSupplySource)? {
        guard case .lotus = supplyMode, schedule.networkVersion(at: epoch) <= 14 else { return nil }
        return LotusCirculatingSupply(heights: supplyHeights, genesisStateRoot: try? await chain.genesis().parentStateRoot)
    }

    /// Lotus `GetVMCirculatingSupplyDetailed`.
    public func circulatingSupplyDetail(epoch: Int64, stateRoot: CID) async throws(StateManagerError) -> CirculatingSupply {
        let genesisRoot = try? await chain.genesis().parentStateRoot
        return try CirculatingSupply.compute(
            epoch: epoch, stateRoot: stateRoot, genesisStateRoot: genesisRoot, heights: supplyHeights, store: store)
    }

    /// Lotus `build.BreezeGasTampingDuration` on mainnet: for this many epochs after Breeze the
    /// base fee was held at 100.
    public static let breezeGasTampingDuration: Int64 = 120

    /// The base fee `tipset`'s children pay (Lotus `ComputeBaseFee`): from the tipset's parent
    /// base fee and the gas limits of its unique messages (every message of every block, by
    /// CID, before any nonce filtering).
    public func nextBaseFee(after tipset: TipSet) async throws(StateManagerError) -> TokenAmount {
        if let breeze = schedule.upgrades.first(where: { $0.name == "breeze" }), breeze.height >= 0,
            tipset.height > breeze.height, tipset.height < breeze.height + Self.breezeGasTampingDuration
        {
            return TokenAmount(attoFIL: 100)
        }
        var seen = Set<CID>()
        var gasLimitUsed: Int64 = 0
        for header in tipset.blocks {
            let messages: BlockMessageStore.Messages
            do { messages = try chain.messageStore.messages(of: header) } catch { throw .chain(error) }
            for message in messages.chainMessages where seen.insert(message.cid).inserted {
                gasLimitUsed &+= message.message.gasLimit
            }
        }
        return BaseFee.next(
            baseFee: tipset.blocks[0].parentBaseFee, gasLimitUsed: gasLimitUsed, blocks: tipset.blocks.count,
            smoke: BaseFee.usesSmokeFormula(networkVersion: schedule.networkVersion(at: tipset.height)))
    }

    /// Lotus `policy.GetWinningPoStSectorSetLookback`: 10 epochs up to network version 3, then
    /// chain finality.
    public static func winningPoStSectorSetLookback(networkVersion: UInt64) -> Int64 {
        networkVersion <= 3 ? 10 : ChainStore.chainFinality
    }

    /// The lookback tipset for mining or validating a block at `round` on `tipset`, and the
    /// state to read there (Lotus `GetLookbackTipSetForRound`): the state at the end of epoch
    /// `round − lookback`, i.e. the parent state of the first non-null tipset after it. When the
    /// lookback lies at or past `tipset`, `tipset` itself and its executed state.
    public func lookbackTipSet(for tipset: TipSet, round: Int64) async throws(StateManagerError) -> (tipset: TipSet, stateRoot: CID) {
        let lookback = Self.winningPoStSectorSetLookback(networkVersion: schedule.networkVersion(at: round))
        let lookbackRound = round > lookback ? round - lookback : 0
        if lookbackRound >= tipset.height {
            return (tipset, try await tipSetState(tipset).stateRoot)
        }
        let next = try await tipSet(atHeight: lookbackRound + 1, from: tipset, prev: false)
        let lookbackTipSet = try await loadTipSet(next.parents)
        return (lookbackTipSet, next.parentStateRoot)
    }

    // MARK: Reading state

    /// The actor at `address` in `tipset`'s parent state (Lotus `LoadActor`); nil if absent.
    public func actor(_ address: Address, at tipset: TipSet) throws(StateManagerError) -> ActorState? {
        try actor(address, inParentStateOf: tipset)
    }

    /// ``actor(_:at:)`` without a hop to this actor: it reads the store only, through a view of the
    /// parent state kept for the next query of the same state.
    public nonisolated func actor(_ address: Address, inParentStateOf tipset: TipSet) throws(StateManagerError) -> ActorState? {
        do { return try parentStates.view(root: tipset.parentStateRoot, store: store).actor(at: address) } catch {
            throw .state(tipset.parentStateRoot, "\(error)")
        }
    }

    // MARK: Message search

    /// Lotus `SearchForMessage`: whether `head`'s parent executed the message, else a search
    /// back through the chain by the sender's nonce, at most `lookbackLimit` epochs (nil: to
    /// genesis). Nil when the message was not found.
    public func searchForMessage(
        _ cid: CID, from head: TipSet? = nil, lookbackLimit: Int64? = nil, allowReplaced: Bool = true
    ) async throws(StateManagerError) -> MessageLookup? {
        let start = try await currentHead()
        let head = head ?? start
        let message = try chainMessage(cid).message
        if let found = try await executedMessage(in: head, cid: cid, message: message, allowReplaced: allowReplaced) {
            return found
        }
        return try await searchBack(from: head, cid: cid, message: message, limit: lookbackLimit, allowReplaced: allowReplaced)
    }

    /// Lotus `WaitForMessage`: the lookup once the message's execution is `confidence` epochs
    /// deep on the head's chain, following head changes (a revert of the tipset found drops it).
    /// Ends with ``StateManagerError/subscriptionEnded`` if the task is cancelled first.
    public func waitForMessage(
        _ cid: CID, confidence: Int64, lookbackLimit: Int64? = nil, allowReplaced: Bool = true
    ) async throws(StateManagerError) -> MessageLookup {
        let message = try chainMessage(cid).message
        let changes = await chain.subscribeHeadChanges()
        var head: TipSet?
        var candidate: MessageLookup?
        for await batch in changes {
            guard head != nil else {
                // The first element is the head the subscription starts from.
                guard batch.count == 1, batch[0].kind == .current else { throw .subscriptionEnded }
                let current = batch[0].tipset
                head = current
                if let found = try await executedMessage(in: current, cid: cid, message: message, allowReplaced: allowReplaced) {
                    return found
                }
                candidate = try await searchBack(
                    from: current, cid: cid, message: message, limit: lookbackLimit, allowReplaced: allowReplaced)
                if let found = candidate, current.height >= found.height + confidence { return found }
                // Changes during the search back wait in the subscription and are handled next: a
                // revert of the tipset found drops it, as Lotus's `reverts` set does.
                continue
            }
            for change in batch {
                switch change.kind {
                case .revert:
                    if candidate?.tipset == change.tipset { candidate = nil }
                case .apply:
                    if let found = candidate, change.tipset.height >= found.height + confidence { return found }
                    if let found = try await executedMessage(
                        in: change.tipset, cid: cid, message: message, allowReplaced: allowReplaced)
                    {
                        if confidence == 0 { return found }
                        candidate = found
                    }
                case .current:
                    break
                }
            }
        }
        throw .subscriptionEnded
    }

    private func chainMessage(_ cid: CID) throws(StateManagerError) -> ChainMessage {
        do { return try chain.messageStore.chainMessage(cid) } catch { throw .chain(error) }
    }

    /// Lotus `tipsetExecutedMessage`: whether `tipset`'s parent applied a message from the same
    /// sender with the same nonce, and its receipt (from `tipset`'s headers).
    private func executedMessage(
        in tipset: TipSet, cid: CID, message: Message, allowReplaced: Bool
    ) async throws(StateManagerError) -> MessageLookup? {
        guard tipset.height > 0 else { return nil }
        let parent = try await loadTipSet(tipset.parents)
        let applied = try await messages(for: parent)
        for index in applied.indices.reversed() {
            let candidate = applied[index].message
            guard candidate.from == message.from else { continue }
            if candidate.nonce == message.nonce {
                guard Self.equalCall(candidate, message) else {
                    throw .conflictingMessage(wanted: cid, found: applied[index].cid)
                }
                if applied[index].cid != cid, !allowReplaced {
                    throw .replacedMessage(wanted: cid, found: applied[index].cid)
                }
                let receipt: MessageReceipt?
                do { receipt = try chain.messageStore.receipt(root: tipset.blocks[0].parentMessageReceipts, index: index) } catch {
                    throw .chain(error)
                }
                guard let receipt else { throw .missingReceipt(tipset.key, index: index) }
                return MessageLookup(message: applied[index].cid, receipt: receipt, tipset: tipset)
            }
            if candidate.nonce < message.nonce { return nil }
        }
        return nil
    }

    /// Lotus `searchBackForMsg`: walks back while the sender's nonce in the parent states is
    /// above the message's, checking the tipset where it crossed it.
    private func searchBack(
        from start: TipSet, cid: CID, message: Message, limit: Int64?, allowReplaced: Bool
    ) async throws(StateManagerError) -> MessageLookup? {
        let limitHeight = limit.map { start.height - $0 }
        var current = start
        guard var currentActor = try actor(message.from, at: current) else { throw .actorNotFound(message.from) }
        let senderID: Address
        do {
            guard let id = try StateTreeView(root: start.parentStateRoot, store: store).lookupID(message.from) else {
                throw StateManagerError.actorNotFound(message.from)
            }
            senderID = Address.idAddress(id)
        } catch let error as StateManagerError {
            throw error
        } catch {
            throw .state(start.parentStateRoot, "\(error)")
        }
        var actorKnown = true
        while true {
            if current.height == 0 { return nil }
            if let limitHeight, current.height <= limitHeight { return nil }
            if !actorKnown || currentActor.nonce == 0 || currentActor.nonce < message.nonce { return nil }
            let parent = try await loadTipSet(current.parents)
            let parentActor = try actor(senderID, at: parent)
            if parentActor == nil || (currentActor.nonce > message.nonce && (parentActor?.nonce ?? 0) <= message.nonce) {
                if let found = try await executedMessage(in: current, cid: cid, message: message, allowReplaced: allowReplaced) {
                    return found
                }
            }
            current = parent
            if let parentActor { currentActor = parentActor } else { actorKnown = false }
        }
    }

    /// Lotus `Message.EqualCall`: the same message but for its gas limit, fee cap and premium.
    static func equalCall(_ a: Message, _ b: Message) -> Bool {
        var a = a, b = b
        a.gasLimit = 0
        b.gasLimit = 0
        a.gasFeeCap = .zero
        b.gasFeeCap = .zero
        a.gasPremium = .zero
        b.gasPremium = .zero
        return a.cid == b.cid
    }

    // MARK: Calls

    /// Applies `message` on `tipset`'s parent state (the head's when nil) without committing
    /// anything (Lotus `StateManager.Call`): at the epoch after the parent's, with a zero base
    /// fee, as an implicit message (no gas bought, no signature or balance check), its nonce set
    /// to the sender's and a zero gas limit raised to the block gas limit.
    public func call(_ message: Message, on tipset: TipSet? = nil) async throws(StateManagerError) -> CallResult {
        let head = try await currentHead()
        let tipset = tipset ?? head
        let epoch: Int64
        if tipset.height == 0 {
            epoch = 0
        } else {
            let parent = try await loadTipSet(tipset.parents)
            epoch = parent.height + 1
            if let upgrade = schedule.upgrade(crossedFrom: parent.height, to: epoch), upgrade.migrates {
                throw .callFailed("refusing a call across the \(upgrade.name) migration at \(upgrade.height)")
            }
        }
        var applied = message
        if applied.gasLimit == 0 { applied.gasLimit = ImplicitMessages.blockGasLimit }
        guard let sender = try actor(applied.from, at: tipset) else { throw .actorNotFound(applied.from) }
        applied.nonce = sender.nonce
        let (supply, supplySource) = try await callSupply(epoch: epoch, stateRoot: tipset.parentStateRoot)
        let config = VMConfig(
            epoch: epoch, networkVersion: schedule.networkVersion(at: epoch), baseFee: .zero, circulatingSupply: supply,
            supplySource: supplySource)
        let (store, registry, proofs, consensusFaults) = (self.store, self.registry, self.proofs, self.consensusFaults)
        let randomness = ChainRandomness(reader: ChainReader(store: store), tipset: tipset, schedule: schedule)
        let stateRoot = tipset.parentStateRoot
        let final = applied
        let task = Task.detached { () throws -> CallResult in
            // The VM writes into its own buffer, which is never flushed: nothing is committed.
            let vm = try VM(
                stateRoot: stateRoot, store: store, config: config, registry: registry, randomness: randomness,
                proofs: proofs, consensusFaults: consensusFaults)
            let result = try vm.applyImplicitMessage(final)
            return CallResult(message: final, receipt: result.receipt, error: result.errorMessage)
        }
        do { return try await task.value } catch { throw .callFailed("\(error)") }
    }

    /// The circulating supply a call's VM sees, and its per-request source (see ``call(_:on:)``).
    private func callSupply(epoch: Int64, stateRoot: CID) async throws(StateManagerError) -> (TokenAmount, (any CirculatingSupplySource)?) {
        let supplySource = await supplySource(epoch: epoch)
        if supplySource == nil { return (try await circulatingSupply(epoch: epoch, stateRoot: stateRoot), nil) }
        return ((try? await circulatingSupply(epoch: epoch, stateRoot: stateRoot)) ?? .zero, supplySource)
    }

    /// Lotus `StateManager.CallWithGas`, what gas estimation runs: `message` applied as a real
    /// message (gas bought and charged, refunds paid) on `tipset`'s computed state (its own
    /// messages and cron applied), after `priorMessages` (the sender's pending ones), at
    /// `tipset`'s epoch with its parent base fee. The nonce is set to the sender's after the prior
    /// messages; a key-address sender's message is sized as the chain will carry it (a secp256k1
    /// or delegated sender's with a 65-byte placeholder signature), so the on-chain size charge is
    /// the one the real message pays. Nothing is committed.
    ///
    /// Refuses (``StateManagerError/expensiveFork(_:)``) a tipset at or right after a state
    /// migration, as Lotus does; its caller then retries on the parent.
    public func callWithGas(
        _ message: Message, priorMessages: [ChainMessage] = [], on tipset: TipSet
    ) async throws(StateManagerError) -> CallResult {
        if tipset.height > 0, hasExpensiveFork(at: tipset.height) || hasExpensiveFork(at: tipset.height - 1) {
            throw .expensiveFork(tipset.height)
        }
        let stateRoot = try await tipSetState(tipset).stateRoot
        let epoch = tipset.height
        let senderKey = try await resolveToKey(message.from, at: tipset)
        let (supply, supplySource) = try await callSupply(epoch: epoch, stateRoot: stateRoot)
        let config = VMConfig(
            epoch: epoch, networkVersion: schedule.networkVersion(at: epoch), baseFee: tipset.blocks[0].parentBaseFee,
            circulatingSupply: supply, supplySource: supplySource)
        let (store, registry, proofs, consensusFaults) = (self.store, self.registry, self.proofs, self.consensusFaults)
        let randomness = ChainRandomness(reader: ChainReader(store: store), tipset: tipset, schedule: schedule)
        let task = Task.detached { () throws -> CallResult in
            // The VM writes into its own buffer, which is never flushed: nothing is committed.
            let vm = try VM(
                stateRoot: stateRoot, store: store, config: config, registry: registry, randomness: randomness,
                proofs: proofs, consensusFaults: consensusFaults)
            for (index, prior) in priorMessages.enumerated() {
                do { _ = try vm.applyMessage(prior.message, chainLength: prior.chainLength) } catch {
                    throw StateManagerError.callFailed("applying prior message (\(index), \(prior.cid)): \(error)")
                }
            }
            var applied = message
            guard let sender = try vm.state.actor(at: applied.from) else { throw StateManagerError.actorNotFound(applied.from) }
            applied.nonce = sender.nonce
            let placeholder = [UInt8](repeating: 0, count: 65)
            let carried: ChainMessage =
                switch senderKey.protocol {
                case .secp256k1: .signed(SignedMessage(message: applied, signature: Signature(kind: .secp256k1, data: placeholder)))
                case .delegated: .signed(SignedMessage(message: applied, signature: Signature(kind: .delegated, data: placeholder)))
                default: .unsigned(applied)
                }
            let result = try vm.applyMessage(applied, chainLength: carried.chainLength)
            return CallResult(message: applied, receipt: result.receipt, error: result.errorMessage)
        }
        do { return try await task.value } catch let error as StateManagerError { throw error } catch {
            throw .callFailed("\(error)")
        }
    }

    /// Lotus `hasExpensiveFork`: a state migration runs at the end of `epoch`.
    private func hasExpensiveFork(at epoch: Int64) -> Bool {
        schedule.upgrades.contains { $0.height == epoch && $0.migrates }
    }

    /// Lotus `ResolveToKeyAddress`: key addresses stand for themselves; an ID address is looked up
    /// as an account actor in `tipset`'s parent state, then (an account created by `tipset`'s
    /// own messages) in its computed state.
    public func resolveToKey(_ address: Address, at tipset: TipSet) async throws(StateManagerError) -> Address {
        switch address.protocol {
        case .bls, .secp256k1, .delegated: return address
        case .actor: throw .noKeyAddress(address)
        case .id: break
        }
        if let key = try accountKey(address, stateRoot: tipset.parentStateRoot) { return key }
        let computed = try await tipSetState(tipset).stateRoot
        guard let key = try accountKey(address, stateRoot: computed) else { throw .actorNotFound(address) }
        return key
    }

    /// The key address in the account state of `address` at `stateRoot`; nil when no actor is there.
    private func accountKey(_ address: Address, stateRoot: CID) throws(StateManagerError) -> Address? {
        let lookup: AccountKeyLookup
        do {
            lookup = try StateTreeView(root: stateRoot, store: store).accountKey(of: address)
        } catch {
            throw .state(stateRoot, "account state of \(address): \(error)")
        }
        switch lookup {
        case .key(let key): return key
        case .noActor: return nil
        case .actorAddress, .notAnAccount: throw .noKeyAddress(address)
        }
    }
}
