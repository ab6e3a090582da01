import DagCBOR
import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// sophon-messager's heart: accepts messages, and at every settled head gives each address's
/// waiting messages their nonces, prices them from the chain, has the sender's own wallet sign
/// them, saves them with the address's next nonce in one transaction and pushes them; then
/// follows them onto the chain through reverts, and rescues the stuck ones.
///
/// Invariants: a nonce is given only inside `fill`'s transaction together with the address's
/// next nonce, so nonces are consecutive per address and survive a crash; a message is
/// acknowledged (its id returned) only once it is saved.
///
/// The service owns its store, chain and signer connections; the RPC layer only calls its
/// methods, with the caller's `AddressScope`.
public actor MessageService {
    public struct Settings: Sendable {
        public var defaultSelectMsgNum: UInt64 = 20
        /// The most messages one address may have in flight, whatever its select count says.
        public var maxInFlight = 100
        public var rescueEnabled = true
        public var stuckEpochs: Int64 = 3
        public var feeRaise = 1.25
        /// Budget of WindowPoSt messages; zero for their address's.
        public var windowPoStMaxFee = TokenAmount.zero
        public init() {}
    }

    let store: any MessagerStore
    let chain: any MessagerChain
    let signer: any MessageSigner
    let logger: Logger
    public private(set) var settings: Settings

    /// The last head the chain follower saw.
    var head: TipSet?
    /// Nodes messages are pushed to beside `chain` (`SaveNode`), by name.
    var extraNodes: [String: any MessagerChain] = [:]
    /// Whether a chain change or a round is running, and who waits for its turn: they never
    /// interleave (an actor is reentrant at every `await`, and a round reading messages halfway
    /// through a revert-then-apply batch would act on a chain that is neither).
    private var busy = false
    private var turnWaiters: [CheckedContinuation<Void, Never>] = []
    /// Callers of `wait(id:confidence:)`, woken at every change.
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    /// Counts `notifyChange` calls, so a waiter that read a message before a change it was not
    /// yet registered for does not sleep through it.
    private var changeCount: UInt64 = 0

    public init(
        store: any MessagerStore, chain: any MessagerChain, signer: any MessageSigner, settings: Settings,
        logger: Logger = Logger(label: "sophon-messager")
    ) {
        self.store = store
        self.chain = chain
        self.signer = signer
        self.settings = settings
        self.logger = logger
    }

    public func setRescue(enabled: Bool) { settings.rescueEnabled = enabled }

    /// Runs `body` when no other chain change or round runs, in arrival order.
    func exclusively<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        if busy { await withCheckedContinuation { turnWaiters.append($0) } }
        busy = true
        defer {
            if turnWaiters.isEmpty { busy = false } else { turnWaiters.removeFirst().resume() }
        }
        return try await body()
    }

    // MARK: Accepting messages

    /// Saves `message` (nonce and gas fields are filled later) and returns its id.
    /// - Parameters:
    ///   - id: the caller's id (`PushMessageWithId`), or nil for a new UUID.
    ///   - scope: who pushes it; the sender must be one of the caller's addresses.
    public func push(_ message: Message, spec: SendSpec, id: String? = nil, scope: AddressScope) async throws -> String {
        try Self.check(message)
        guard scope.allows(message.from) else {
            throw MessagerError.permissionDenied("\(message.from) is not a signer of user \(scope.userName)")
        }
        let address = try await addressForSending(message.from)
        guard address.state == .alive else {
            throw MessagerError.addressNotActive(message.from, state: address.state.description)
        }
        let id = id ?? UUID().uuidString.lowercased()
        guard !id.isEmpty, id.utf8.count <= 128 else { throw MessagerError.invalidMessage("id must be 1 to 128 bytes") }
        var unsigned = message
        unsigned.nonce = 0
        let record = MessagerMessage(unsigned: unsigned, id: id, meta: spec, walletName: scope.userName)
        try await store.insert(record, priority: await isWindowPoSt(message) ? 1 : 0)
        logger.debug("accepted message \(id) from \(message.from)")
        return id
    }

    /// The address record to send from, made (alive, nonce from the chain) the first time an
    /// address sends.
    func addressForSending(_ from: Address) async throws -> MessagerAddress {
        if let known = try await store.address(from) { return known }
        guard from.idValue == nil else {
            throw MessagerError.invalidMessage("send from a key address (f1/f3), not the ID address \(from)")
        }
        let head = try await currentHead()
        let nonce = try await chain.actor(from, at: head.key)?.nonce ?? 0
        let address = MessagerAddress(id: GatewayUUID(), addr: from, nonce: nonce, weight: 0, state: .alive, selMsgNum: 0)
        try await store.save(address)
        logger.info("new address \(from), next nonce \(nonce)")
        return address
    }

    /// Refuses what no node would accept, before anything is saved.
    static func check(_ message: Message) throws {
        if message.value.isNegative { throw MessagerError.invalidMessage("negative value") }
        if message.gasLimit < 0 { throw MessagerError.invalidMessage("negative gas limit") }
        if message.gasFeeCap.isNegative || message.gasPremium.isNegative {
            throw MessagerError.invalidMessage("negative gas fee cap or premium")
        }
        if message.version != 0 { throw MessagerError.invalidMessage("message version \(message.version)") }
        if message.cborBytes.count > 64 << 10 { throw MessagerError.invalidMessage("message larger than 64 KiB") }
    }

    /// `SubmitWindowedPoSt` (method 5) to a storage miner actor: such messages go first in
    /// their address's queue and may use the WindowPoSt budget.
    func isWindowPoSt(_ message: Message) async -> Bool {
        // The head is fetched when none was seen yet: right after a restart, before the first
        // round, a WindowPoSt message must not lose its place.
        guard message.method == 5, let head = try? await currentHead() else { return false }
        guard let actor = try? await chain.actor(message.to, at: head.key) else { return false }
        return Self.isStorageMinerCode(actor.code)
    }

    /// Builtin actor code CIDs are identity hashes of `fil/<version>/<name>`.
    static func isStorageMinerCode(_ code: CID) -> Bool {
        String(decoding: code.multihash.digest, as: UTF8.self).hasSuffix("/storageminer")
    }

    func currentHead() async throws -> TipSet {
        if let head { return head }
        let fresh = try await chain.head()
        head = fresh
        return fresh
    }

    /// `record` as `unsigned`, signed by its sender's wallet (the record's user's): filled, with
    /// its CIDs and signature. Nothing is saved.
    func signed(_ record: MessagerMessage, as unsigned: Message) async throws -> (MessagerMessage, SignedMessage) {
        let signature = try await signer.sign(unsigned, accounts: record.walletName.isEmpty ? [] : [record.walletName])
        let signed = SignedMessage(message: unsigned, signature: signature)
        var filled = record
        filled.message = unsigned
        filled.signature = signature
        filled.unsignedCid = unsigned.cid
        filled.signedCid = signed.cid
        filled.state = .fillMsg
        filled.errorMsg = ""
        filled.updatedAt = Date()
        return (filled, signed)
    }

    /// The node's fee cap and premium for `message` now (its gas limit kept), as a replacement
    /// starts from.
    func freshEstimate(of message: Message, spec: FullNodeAPI.MessageSendSpec?, head: TipSet) async throws -> Message {
        var probe = message
        probe.gasFeeCap = .zero
        probe.gasPremium = .zero
        let estimate = try await chain.estimateGas(
            [FullNodeAPI.EstimateMessage(msg: probe, spec: spec)], fromNonce: probe.nonce, at: head.key)
        guard let fresh = estimate.first?.msg, estimate.first?.err.isEmpty ?? false else {
            throw MessagerError.invalidMessage("gas estimation: \(estimate.first?.err ?? "no answer")")
        }
        return fresh
    }

    // MARK: Reading

    /// `message` with its confidence counted from the current head.
    func withConfidence(_ message: MessagerMessage) -> MessagerMessage {
        var message = message
        if message.state == .onChainMsg, let head { message.confidence = max(0, head.height - message.height) }
        return message
    }

    public func message(id: String) async throws -> MessagerMessage {
        guard let message = try await store.message(id: id) else { throw MessagerError.messageNotFound(id) }
        return withConfidence(message)
    }

    /// Returns once the message is on chain with at least `confidence` epochs on top of it, or
    /// has failed (failed and nonce-conflicted messages are returned as they are).
    public func wait(id: String, confidence: UInt64) async throws -> MessagerMessage {
        while true {
            try Task.checkCancellation()
            let seen = changeCount
            let current = try await message(id: id)
            switch current.state {
            case .onChainMsg where current.confidence >= Int64(clamping: confidence): return current
            case .failedMsg, .nonceConflictMsg: return current
            default: await nextChange(after: seen)
            }
        }
    }

    /// Suspends until the next head or message change after the `seen`th (or cancellation).
    func nextChange(after seen: UInt64) async {
        let key = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled || changeCount != seen { continuation.resume() } else { waiters[key] = continuation }
            }
        } onCancel: {
            Task { await self.wake(key) }
        }
    }

    private func wake(_ key: UUID) { waiters.removeValue(forKey: key)?.resume() }

    func notifyChange() {
        changeCount &+= 1
        let pending = waiters
        waiters.removeAll()
        for continuation in pending.values { continuation.resume() }
    }

    // MARK: Nodes

    /// Pushes to the followed node and every saved node; the followed node's answer counts.
    func pushEverywhere(_ messages: [SignedMessage]) async -> [Result<CID, any Error>] {
        guard !messages.isEmpty else { return [] }
        let results = await chain.push(messages)
        for (name, node) in extraNodes {
            for case .failure(let error) in await node.push(messages) {
                logger.debug("push to node \(name): \(error)")
            }
        }
        return results
    }

    /// Reloads the saved nodes (after `SaveNode` or `DeleteNode`).
    public func reloadNodes() async throws {
        var nodes: [String: any MessagerChain] = [:]
        for node in try await store.nodes() {
            do {
                nodes[node.name] = try RPCMessagerChain(endpoint: node.url, token: node.token)
            } catch {
                logger.warning("node \(node.name): bad URL \(node.url): \(error)")
            }
        }
        extraNodes = nodes
    }
}

extension MessageService {
    /// The newest head applied, nil before the first.
    public var latestHead: TipSet? { head }
}
