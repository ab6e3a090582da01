import BigInt
import ChainState
import DagCBOR
import FilecoinTypes

/// The node's message pool (Lotus `messagepool.MessagePool`): signed messages waiting for a
/// block, checked by Lotus's rules on the way in, kept per sender by nonce, updated on every head
/// change, pruned when it grows too large, and selected for blocks by gas performance.
///
/// Every check runs against the current head's state: the provider's answers are gathered first
/// (awaiting), then the rules are applied and the pool changed in one step without suspension, so
/// a refused message changes nothing and concurrent adds never see each other half-done.
public actor MessagePool {
    /// Where a message comes from, which decides how strictly it is judged.
    public enum Origin: Sendable, Hashable {
        /// `MpoolPush` from this node's own clients: published, never pruned, nonce gaps allowed
        /// (Lotus adds local messages non-strictly).
        case local
        /// From the network (Lotus `Add`): nonce gap of at most `maxNonceGap`, and a fee cap that
        /// meets the base-fee lower bound.
        case network
        /// `MpoolPushUntrusted` (the gateway's clients): no nonce gap at all and at most
        /// `maxUntrustedPendingPerSender` pending messages.
        case untrusted
    }

    /// Lotus `MaxMessageSize` (64 KiB).
    public static let maxMessageSize = 64 << 10
    /// Lotus `MinimumBaseFee` (100 attoFIL): no fee cap below it is accepted.
    public static let minimumBaseFee = TokenAmount(attoFIL: 100)
    /// Lotus `BlsSignatureCacheSize`: the BLS signatures kept to re-sign reverted BLS messages.
    static let blsSignatureCacheSize = 40_000

    let provider: any MessagePoolProvider
    public private(set) var config: MessagePoolConfig
    /// The tipset the pool's state reflects (Lotus `curTs`).
    public internal(set) var head: TipSet
    var changes: AsyncStream<MessagePoolHeadChange>?
    var pendingSets: [Address: PendingMessageSet] = [:]
    var localSenders: Set<Address> = []
    /// The number of pending messages (Lotus `currentSize`).
    public internal(set) var count = 0
    var blsSignatures: [CID: Signature] = [:]
    var blsSignatureOrder: [CID] = []
    var keyCache: [Address: Address] = [:]
    var lastPrune: ContinuousClock.Instant?
    var pruneScheduled = false

    /// Subscribes to the provider's head changes; `run()` then follows them.
    public init(provider: any MessagePoolProvider, config: MessagePoolConfig = MessagePoolConfig()) async throws(MessagePoolError) {
        try config.validate()
        self.provider = provider
        self.config = config
        let (head, changes) = await provider.subscribeHeadChanges()
        self.head = head
        self.changes = changes
    }

    /// Follows the head changes until the provider's stream ends or the task is cancelled. A
    /// head change that fails (state missing) is skipped, as Lotus logs and goes on.
    public func run() async {
        guard let changes else { return }
        self.changes = nil
        for await change in changes {
            try? await headChange(revert: change.revert, apply: change.apply)
        }
    }

    /// Replaces the configuration (Lotus `MpoolSetConfig`).
    public func setConfig(_ config: MessagePoolConfig) throws(MessagePoolError) {
        try config.validate()
        self.config = config
    }

    // MARK: Adding

    /// `MpoolPush`: adds a message of this node's clients and publishes it unless its fee cap is
    /// too low for the next 20 blocks (it then waits in the pool). Returns its CID.
    @discardableResult
    public func push(_ message: SignedMessage, publish: Bool = true) async throws(MessagePoolError) -> CID {
        let (entry, shouldPublish) = try await add(message, origin: .local)
        if publish && shouldPublish { try await announce(entry.signed) }
        return entry.cid
    }

    /// `MpoolPushUntrusted`: as `push`, with the stricter rules for untrusted clients.
    @discardableResult
    public func pushUntrusted(_ message: SignedMessage) async throws(MessagePoolError) -> CID {
        let (entry, shouldPublish) = try await add(message, origin: .untrusted)
        if shouldPublish { try await announce(entry.signed) }
        return entry.cid
    }

    /// `MpoolBatchPush` / `MpoolBatchPushUntrusted`: pushes in order and stops at the first
    /// refusal; the messages before it stay pushed.
    public func pushBatch(_ messages: [SignedMessage], untrusted: Bool = false) async throws(MessagePoolBatchError) -> [CID] {
        var cids: [CID] = []
        for (index, message) in messages.enumerated() {
            do {
                if untrusted {
                    cids.append(try await pushUntrusted(message))
                } else {
                    cids.append(try await push(message))
                }
            } catch {
                throw MessagePoolBatchError(pushed: cids, index: index, reason: error)
            }
        }
        return cids
    }

    /// Lotus `Add`: a message from the network (stricter nonce and fee rules, never published).
    public func addFromNetwork(_ message: SignedMessage) async throws(MessagePoolError) {
        _ = try await add(message, origin: .network)
    }

    /// Checks `message` and adds it; returns its entry and whether it may be published now.
    func add(_ message: SignedMessage, origin: Origin) async throws(MessagePoolError) -> (PendingMessage, Bool) {
        let entry = PendingMessage(message)
        try checkMessage(entry)
        // Gather the sender's state at the head; if the head moved meanwhile, gather again (as
        // Lotus's Add re-reads once), so the rules below judge against the head they apply to.
        var tipset = head
        var sender = try await senderState(entry.from, at: tipset)
        var attempts = 0
        while tipset.key != head.key && attempts < 3 {
            tipset = head
            sender = try await senderState(entry.from, at: tipset)
            attempts += 1
        }
        // No suspension from here on.
        let publish = try addChecked(entry, sender: sender, at: tipset, origin: origin)
        return (entry, publish)
    }

    /// Lotus `checkMessage`: what can be judged from the message alone.
    func checkMessage(_ entry: PendingMessage) throws(MessagePoolError) {
        let message = entry.message
        guard entry.size <= Self.maxMessageSize else { throw .messageTooBig(size: entry.size) }
        guard message.gasLimit <= Message.blockGasLimit else { throw .gasLimitTooHigh(gasLimit: message.gasLimit) }
        do {
            try message.checkValidForBlockInclusion(minGas: 0)
        } catch {
            throw .invalidMessage(error.description)
        }
        guard message.value.attoFIL < Message.totalFilecoinAttoFIL else { throw .valueTooHigh }
        guard message.gasFeeCap >= Self.minimumBaseFee else {
            throw .gasFeeCapTooLow(feeCap: message.gasFeeCap, minimum: Self.minimumBaseFee)
        }
        guard entry.signed.isSignatureValid else { throw .invalidSignature }
    }

    /// The sender's nonce, balance and whether it may send, after `tipset`.
    struct SenderState {
        var nonce: UInt64
        var balance: TokenAmount
        var canSend: Bool
    }

    func senderState(_ address: Address, at tipset: TipSet) async throws(MessagePoolError) -> SenderState {
        let actor: ActorState?
        do {
            actor = try await provider.actor(address, after: tipset)
        } catch {
            throw .stateUnavailable("actor \(address) after \(tipset.key): \(error)")
        }
        guard let actor else { throw .senderNotFound(address) }
        let version = provider.networkVersion(at: tipset.height + 1)
        return SenderState(nonce: actor.nonce, balance: actor.balance, canSend: Self.isValidForSending(actor, networkVersion: version))
    }

    /// Lotus `consensus.IsValidForSending`: accounts always; from network version 18 also
    /// Ethereum accounts, and placeholders of the Ethereum address manager's namespace that
    /// have not sent yet.
    static func isValidForSending(_ actor: ActorState, networkVersion: UInt64) -> Bool {
        let name = ActorCodes.describe(actor.code)?.name ?? actor.builtinName
        if name == "account" { return true }
        guard networkVersion >= 18 else { return false }
        if name == "ethaccount" { return true }
        guard name == "placeholder", actor.nonce == 0, let delegated = actor.delegatedAddress,
            delegated.protocol == .delegated, delegated.delegatedNamespace == 10
        else { return false }
        return true
    }

    /// Lotus `addTs` after the state lookups: nonce, sender, gas and fee bounds, balance, then
    /// the per-sender rules. Returns whether the message may be published now.
    func addChecked(_ entry: PendingMessage, sender: SenderState, at tipset: TipSet, origin: Origin) throws(MessagePoolError) -> Bool {
        let message = entry.message
        guard sender.nonce <= message.nonce else { throw .nonceTooLow(nonce: message.nonce, expected: sender.nonce) }
        guard sender.canSend else { throw .senderCannotSend(message.from) }

        // verifyMsgBeforeAdd: the gas for the on-chain size at the next epoch, and the fee cap
        // against a hundredth of the base fee (inclusion within about 20 blocks).
        let minGas = Pricelist.forEpoch(tipset.height + 1).onChainMessage(size: entry.chainLength).total
        guard message.gasLimit >= minGas else { throw .gasLimitTooLow(gasLimit: message.gasLimit, minimum: minGas) }
        var publish = origin != .network
        let lowerBound = Self.baseFeeLowerBound(tipset.blocks[0].parentBaseFee, factor: 100)
        if message.gasFeeCap < lowerBound {
            if origin == .network {
                throw .gasFeeCapBelowBaseFeeLowerBound(feeCap: message.gasFeeCap, lowerBound: lowerBound)
            }
            publish = false
        }

        // checkBalance: this message's gas, then with the sender's other pending messages.
        let required = TokenAmount(attoFIL: entry.requiredFunds)
        guard sender.balance >= required else { throw .insufficientBalance(required: required, balance: sender.balance) }
        var set = pendingSets[message.from] ?? PendingMessageSet(nextNonce: sender.nonce)
        let withPending = TokenAmount(attoFIL: entry.requiredFunds + set.requiredFunds(excluding: message.nonce))
        guard sender.balance >= withPending else {
            throw .insufficientBalanceWithPending(required: withPending, balance: sender.balance)
        }

        let rules = PendingMessageSet.Rules(
            strict: origin != .local,
            maxNonceGap: origin == .untrusted ? 0 : config.maxNonceGap,
            maxPending: origin == .untrusted ? config.maxUntrustedPendingPerSender : config.maxPendingPerSender,
            replaceByFeeRatio: config.replaceByFeeRatio)
        let grew = try set.add(entry, rules: rules)
        pendingSets[message.from] = set
        if origin != .network { localSenders.insert(message.from) }
        inserted(entry, grew: grew)
        return publish
    }

    /// Bookkeeping after a message entered a set (Lotus `addLocked`'s tail).
    func inserted(_ entry: PendingMessage, grew: Bool) {
        if entry.signed.signature.kind == .bls { rememberBLSSignature(entry) }
        guard grew else { return }
        count += 1
        if count > config.sizeLimitHigh { schedulePrune() }
    }

    func rememberBLSSignature(_ entry: PendingMessage) {
        if blsSignatures.updateValue(entry.signed.signature, forKey: entry.cid) == nil {
            blsSignatureOrder.append(entry.cid)
            if blsSignatureOrder.count > Self.blsSignatureCacheSize {
                let dropped = blsSignatureOrder.count - Self.blsSignatureCacheSize / 2
                for cid in blsSignatureOrder.prefix(dropped) { blsSignatures.removeValue(forKey: cid) }
                blsSignatureOrder.removeFirst(dropped)
            }
        }
    }

    /// Lotus `getBaseFeeLowerBound`: base fee / factor, at least the minimum base fee.
    static func baseFeeLowerBound(_ baseFee: TokenAmount, factor: Int) -> TokenAmount {
        let bound = TokenAmount(attoFIL: baseFee.attoFIL / BigInt(factor))
        return bound < minimumBaseFee ? minimumBaseFee : bound
    }

    func announce(_ message: SignedMessage) async throws(MessagePoolError) {
        do {
            try await provider.publish(message)
        } catch {
            throw .stateUnavailable("publishing the message: \(error)")
        }
    }

    // MARK: Reading

    /// `MpoolPending`: every pending message, by sender then nonce, with the head they apply to.
    public func pending() -> (messages: [SignedMessage], head: TipSet) {
        let senders = pendingSets.keys.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        var messages: [SignedMessage] = []
        messages.reserveCapacity(count)
        for sender in senders {
            guard let set = pendingSets[sender] else { continue }
            messages.append(contentsOf: set.sorted.map(\.signed))
        }
        return (messages, head)
    }

    /// One sender's pending messages in nonce order (Lotus `PendingFor`).
    public func pending(from sender: Address) -> [SignedMessage] {
        pendingSets[sender]?.sorted.map(\.signed) ?? []
    }

    /// Lotus `PendingFor`: one sender's pending messages in nonce order and the tipset the pool's
    /// state reflects, read together (gas estimation applies them on that tipset).
    public func pendingFor(_ sender: Address) -> (messages: [SignedMessage], tipset: TipSet) {
        (pending(from: sender), head)
    }

    /// `MpoolGetNonce`: the nonce the sender's next message should carry, past its pending run.
    public func nonce(for address: Address) async throws(MessagePoolError) -> UInt64 {
        let tipset = head
        let key = try await resolveToKey(address, at: tipset)
        let state = try await senderState(key, at: tipset)
        guard let set = pendingSets[key] else { return state.nonce }
        return max(state.nonce, set.nextNonce)
    }

    func resolveToKey(_ address: Address, at tipset: TipSet) async throws(MessagePoolError) -> Address {
        guard address.protocol == .id else { return address }
        if let key = keyCache[address] { return key }
        do {
            let key = try await provider.resolveToKey(address, at: tipset)
            keyCache[address] = key
            return key
        } catch {
            throw .stateUnavailable("resolving \(address): \(error)")
        }
    }

    // MARK: Removing

    /// Lotus `remove`: drops the sender's message at `nonce`, if any.
    func remove(from sender: Address, nonce: UInt64, applied: Bool) {
        guard var set = pendingSets[sender] else { return }
        if set.messages[nonce] != nil { count -= 1 }
        set.remove(nonce: nonce, applied: applied)
        pendingSets[sender] = set.messages.isEmpty ? nil : set
    }

    /// `MpoolClear`: drops the pending messages, the local ones too when `includingLocal`.
    public func clear(includingLocal: Bool) {
        if includingLocal {
            pendingSets.removeAll()
            localSenders.removeAll()
        } else {
            for sender in pendingSets.keys where !localSenders.contains(sender) { pendingSets[sender] = nil }
        }
        count = pendingSets.values.reduce(0) { $0 + $1.messages.count }
    }
}
