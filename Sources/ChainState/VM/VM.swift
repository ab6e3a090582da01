import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import IPLD
import Proofs

/// The legacy (pre-FVM) Filecoin VM: applies messages to a state tree with native actors,
/// charging gas exactly as Lotus's `chain/vm` does with the legacy price list.
///
/// One instance per state root and epoch; not thread-safe (run one per task). Writes go to a
/// ``BufferedBlockstore`` over the given store until ``flush()``.
public final class VM {
    /// The environment; only the epoch changes during a VM's life (``setEpoch(_:)``).
    public private(set) var config: VMConfig
    public let store: BufferedBlockstore
    public let state: StateTree
    public let registry: ActorRegistry
    public let randomness: (any RandomnessSource)?
    /// Answers the proof syscalls: `MockProofs` on a devnet, `UnavailableProofVerifier` (every
    /// proof check a fatal error) wherever real proofs would be needed.
    public let proofs: any ProofVerifier
    /// Answers `VerifyConsensusFault` (it needs the chain's headers and keys); nil: none proven.
    public let consensusFaults: (any ConsensusFaultVerifier)?
    /// The price list of ``config``'s epoch.
    public private(set) var pricelist: Pricelist
    public let actorsVersion: Int

    /// The newest state tree version this VM runs on. Versions up to 4 store four-field actors;
    /// version 5 (the FVM's, from network version 18) is beyond this legacy VM.
    public static let maxStateTreeVersion: UInt64 = 4

    public init(
        stateRoot: CID, store: any Blockstore, config: VMConfig, registry: ActorRegistry,
        randomness: (any RandomnessSource)? = nil, proofs: any ProofVerifier = UnavailableProofVerifier(),
        consensusFaults: (any ConsensusFaultVerifier)? = nil
    ) throws(ActorError) {
        self.config = config
        self.store = BufferedBlockstore(backing: store)
        do { self.state = try StateTree(root: stateRoot, store: self.store) } catch { throw .fatal("\(error)") }
        self.registry = registry
        self.randomness = randomness
        self.proofs = proofs
        self.consensusFaults = consensusFaults
        self.pricelist = Pricelist.forEpoch(config.epoch)
        self.actorsVersion = VMConfig.actorsVersion(networkVersion: config.networkVersion)
        guard state.version <= Self.maxStateTreeVersion else {
            throw .fatal("state tree version \(state.version) is not supported by this VM")
        }
    }

    /// Writes the state tree and every buffered block to the backing store; returns the state root.
    public func flush() throws(ActorError) -> CID {
        let root = try flushState()
        do { try store.flush() } catch { throw .fatal("\(error)") }
        return root
    }

    /// The state root with all changes so far, without copying blocks to the backing store.
    public func stateRoot() throws(ActorError) -> CID { try flushState() }

    /// Moves the VM to `epoch` (Lotus `VM.SetBlockHeight`): block application runs the cron of
    /// each null round and then the tipset's messages on one VM, advancing it epoch by epoch.
    /// The network version stays: a range of epochs crossing an upgrade is refused before this.
    public func setEpoch(_ epoch: Int64) {
        config.epoch = epoch
        pricelist = Pricelist.forEpoch(epoch)
    }

    // MARK: Applying messages

    /// Applies `message`, whose on-chain encoding is `chainLength` bytes long (the signed form
    /// for secp256k1 senders). Throws only a fatal error: every message outcome is a receipt.
    public func applyMessage(_ message: Message, chainLength: Int) throws(ActorError) -> ApplyResult {
        let messageGas = pricelist.onChainMessage(size: chainLength)
        let limit = message.gasLimit
        func early(_ code: ExitCode, _ why: String, penaltyGas: Int64) -> ApplyResult {
            var outputs = GasOutputs()
            outputs.minerPenalty = config.baseFee * TokenAmount(attoFIL: Int(penaltyGas)).attoFIL
            return ApplyResult(
                receipt: MessageReceipt(exitCode: code.rawValue, returnData: [], gasUsed: 0),
                gasOutputs: outputs, errorMessage: why, gasTrace: [])
        }
        if messageGas.total > limit {
            return early(.sysErrOutOfGas, "not enough gas for the message's on-chain size", penaltyGas: messageGas.total)
        }
        guard let fromID = try lookupID(message.from), var sender = try actor(id: fromID) else {
            return early(.sysErrSenderInvalid, "actor not found: \(message.from)", penaltyGas: limit)
        }
        guard ActorCodes.isAccount(sender.code) else {
            return early(.sysErrSenderInvalid, "send from a non-account actor", penaltyGas: limit)
        }
        guard message.nonce == sender.nonce else {
            return early(.sysErrSenderStateInvalid, "actor nonce invalid: msg \(message.nonce) != state \(sender.nonce)", penaltyGas: limit)
        }
        let gasCost = message.gasFeeCap * TokenAmount(attoFIL: Int(limit)).attoFIL
        guard sender.balance >= gasCost else {
            return early(.sysErrSenderStateInvalid, "actor balance less than needed", penaltyGas: limit)
        }
        // Withdraw the gas funds into the holder and bump the nonce.
        var gasHolder = gasCost
        sender.balance -= gasCost
        sender.nonce &+= 1
        state.setActor(id: fromID, sender)

        state.snapshot()
        var (returnData, actorError, context) = try send(
            Invocation(from: message.from, to: message.to, value: message.value, method: message.method,
                params: message.params, gasLimit: limit),
            parent: nil, charge: messageGas, origin: message.from, originNonce: message.nonce)
        if actorError == nil, !returnData.isEmpty {
            if let error = context.chargeGasSafe(pricelist.onChainReturnValue(size: returnData.count)) {
                actorError = error
                returnData = []
            }
        }
        let exitCode = actorError?.code ?? .ok
        if !exitCode.isSuccess {
            state.revert()
            returnData = []
        }
        state.clearSnapshot()
        let gasUsed = max(context.gasUsed, 0)
        let outputs = GasOutputs.compute(
            gasUsed: gasUsed, gasLimit: limit, baseFee: config.baseFee, feeCap: message.gasFeeCap,
            premium: message.gasPremium, chargeNetworkFee: true)
        try payFromGasHolder(&gasHolder, to: BuiltinAddress.burntFundsActor, outputs.baseFeeBurn)
        try payFromGasHolder(&gasHolder, to: BuiltinAddress.rewardActor, outputs.minerTip)
        try payFromGasHolder(&gasHolder, to: BuiltinAddress.burntFundsActor, outputs.overEstimationBurn)
        try payFromGasHolder(&gasHolder, to: message.from, outputs.refund)
        guard gasHolder.isZero else { throw .fatal("gas handling math is wrong") }
        return ApplyResult(
            receipt: MessageReceipt(exitCode: exitCode.rawValue, returnData: returnData, gasUsed: gasUsed),
            gasOutputs: outputs, errorMessage: actorError?.message, gasTrace: context.trace.charges)
    }

    private func payFromGasHolder(_ holder: inout TokenAmount, to address: Address, _ amount: TokenAmount) throws(ActorError) {
        guard !amount.isNegative else { throw .fatal("attempted to transfer a negative value from the gas holder") }
        guard !amount.isZero else { return }
        guard let id = try lookupID(address), var actor = try actor(id: id) else {
            throw .fatal("gas payee \(address) does not exist")
        }
        guard holder >= amount else { throw .fatal("gas holder has not enough funds") }
        holder -= amount
        actor.balance += amount
        state.setActor(id: id, actor)
    }

    /// The length Lotus charges for a message applied without its signature: a secp256k1
    /// sender's message is priced as signed with a 65-byte signature, others as the bare message.
    public static func chainLength(of message: Message) -> Int {
        let bare = message.cborBytes.count
        guard message.from.protocol == .secp256k1 else { return bare }
        // [message, bytes(66)]: one array byte, two bytes of byte-string header, type byte + 65.
        return bare + 1 + 2 + 66
    }

    // MARK: Sends

    /// One send, top-level or internal.
    struct Invocation {
        var from: Address
        var to: Address
        var value: TokenAmount
        var method: UInt64
        var params: [UInt8]
        var gasLimit: Int64
    }

    /// Lotus `vm.send`: runs `invocation` in a new context; never throws for actor failures
    /// (they are returned), only for fatal ones.
    func send(
        _ invocation: Invocation, parent: InvocationContext?, charge: GasCharge?, origin: Address, originNonce: UInt64
    ) throws(ActorError) -> (returnData: [UInt8], error: ActorError?, context: InvocationContext) {
        let context = try makeContext(invocation, parent: parent, origin: origin, originNonce: originNonce)
        defer { parent?.gasUsed = context.gasUsed }
        if let charge, let error = context.chargeGasSafe(charge) {
            return ([], error, context)
        }
        do {
            let data = try run(invocation, context)
            return (data, nil, context)
        } catch let error where !error.isFatal {
            return ([], error, context)
        }
    }

    private func run(_ invocation: Invocation, _ context: InvocationContext) throws(ActorError) -> [UInt8] {
        _ = context.chargeGasSafe(GasCharge("OnGetActor", compute: 0, storage: 0))
        var target = try actor(at: invocation.to)
        if target == nil {
            let (created, id) = try createAccountActor(context, invocation.to)
            target = created
            if config.networkVersion > 3 {
                context.receiver = Address.idAddress(id)
            }
        }
        guard let target else { throw .fatal("unreachable: no target actor") }
        try context.chargeGas(pricelist.onMethodInvocation(value: invocation.value, method: invocation.method))
        if !invocation.value.isZero {
            try transfer(from: invocation.from, to: invocation.to, invocation.value)
        }
        guard invocation.method != 0 else { return [] }
        return try invoke(target, context, method: invocation.method, params: invocation.params)
    }

    private func invoke(_ target: ActorState, _ context: InvocationContext, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        guard let actor = registry.actor(for: target.code) else {
            throw ActorError(.sysErrIllegalActor, "no code for actor \(target.code)")
        }
        let data = try actor.invoke(context, method: method, params: params)
        guard context.callerValidated else {
            throw ActorError(.sysErrIllegalActor, "Caller MUST be validated during method execution")
        }
        return data
    }

    /// Lotus `TryCreateAccountActor`: an unknown key address gets an account actor.
    private func createAccountActor(_ context: InvocationContext, _ address: Address) throws(ActorError) -> (ActorState, UInt64) {
        try context.chargeGas(pricelist.onCreateActor())
        let id = try registerNewAddress(address)
        switch address.protocol {
        case .bls, .secp256k1: break
        case .id: throw ActorError(.sysErrInvalidReceiver, "no actor with given ID: \(address)")
        case .actor: throw ActorError(.sysErrInvalidReceiver, "no such actor: \(address)")
        default: throw ActorError(.sysErrInvalidReceiver, "address has unsupported protocol: \(address.protocol)")
        }
        state.setActor(id: id, ActorState(code: ActorCodes.code("account", actorsVersion: actorsVersion), head: ActorCodes.emptyObject))
        let idAddress = Address.idAddress(id)
        let (_, error, _) = try send(
            Invocation(from: BuiltinAddress.systemActor, to: idAddress, value: .zero, method: 1, params: address.cborBytes,
                gasLimit: context.gasAvailable),
            parent: context, charge: nil, origin: context.origin, originNonce: context.originNonce,
            internal: true)
        if let error { throw error }
        guard let actor = try actor(id: id) else { throw .fatal("new account actor vanished") }
        return (actor, id)
    }

    /// Lotus `vm.transfer` (network versions before 15).
    func transfer(from: Address, to: Address, _ amount: TokenAmount) throws(ActorError) {
        if from == to { return }
        guard let fromID = try lookupID(from) else { throw .fatal("transfer: cannot resolve sender \(from)") }
        guard let toID = try lookupID(to) else { throw .fatal("transfer: cannot resolve receiver \(to)") }
        if fromID == toID { return }
        guard !amount.isNegative else { throw ActorError(.sysErrForbidden, "attempted to transfer negative value") }
        guard var source = try actor(id: fromID) else { throw .fatal("transfer: no sender actor") }
        guard var target = try actor(id: toID) else { throw .fatal("transfer: no receiver actor") }
        guard source.balance >= amount else {
            throw ActorError(.sysErrInsufficientFunds, "transfer failed: not enough funds")
        }
        source.balance -= amount
        target.balance += amount
        state.setActor(id: fromID, source)
        state.setActor(id: toID, target)
    }

    /// An internal send with a snapshot (Lotus `Runtime.internalSend`).
    func send(
        _ invocation: Invocation, parent: InvocationContext, charge: GasCharge?, origin: Address, originNonce: UInt64,
        internal: Bool
    ) throws(ActorError) -> (returnData: [UInt8], error: ActorError?, context: InvocationContext) {
        state.snapshot()
        let result = try send(invocation, parent: parent, charge: charge, origin: origin, originNonce: originNonce)
        if result.error != nil { state.revert() }
        state.clearSnapshot()
        parent.numActorsCreated = result.context.numActorsCreated
        return result
    }

    private func makeContext(
        _ invocation: Invocation, parent: InvocationContext?, origin: Address, originNonce: UInt64
    ) throws(ActorError) -> InvocationContext {
        guard let fromID = try lookupID(invocation.from) else {
            throw .fatal("resolve msg.From address failed")
        }
        var receiver = invocation.to
        if config.networkVersion > 3, let toID = try lookupID(invocation.to) {
            receiver = Address.idAddress(toID)
        }
        return InvocationContext(
            vm: self, caller: Address.idAddress(fromID), receiver: receiver, value: invocation.value,
            origin: origin, originNonce: originNonce, gasAvailable: invocation.gasLimit,
            gasUsed: parent?.gasUsed ?? 0, numActorsCreated: parent?.numActorsCreated ?? 0,
            trace: parent?.trace ?? GasTrace(enabled: config.traceGas))
    }
}

/// Gas charges of one message, shared by its nested invocations.
final class GasTrace {
    let enabled: Bool
    var charges: [GasCharge] = []
    init(enabled: Bool) { self.enabled = enabled }
}
