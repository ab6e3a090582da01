import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Proofs

/// The runtime of one invocation (Lotus `vm.Runtime`): gas accounting, the charged store, and
/// the VM services an actor may call.
final class InvocationContext: Runtime, ActorStore {
    unowned let vm: VM
    let caller: Address
    var receiver: Address
    let valueReceived: TokenAmount
    let origin: Address
    let originNonce: UInt64
    let gasAvailable: Int64
    var gasUsed: Int64
    var numActorsCreated: UInt64
    var callerValidated = false
    var sendsAllowed = true
    let trace: GasTrace

    init(
        vm: VM, caller: Address, receiver: Address, value: TokenAmount, origin: Address, originNonce: UInt64,
        gasAvailable: Int64, gasUsed: Int64, numActorsCreated: UInt64, trace: GasTrace
    ) {
        self.vm = vm
        self.caller = caller
        self.receiver = receiver
        self.valueReceived = value
        self.origin = origin
        self.originNonce = originNonce
        self.gasAvailable = gasAvailable
        self.gasUsed = gasUsed
        self.numActorsCreated = numActorsCreated
        self.trace = trace
    }

    var networkVersion: UInt64 { vm.config.networkVersion }
    var actorsVersion: Int { vm.actorsVersion }
    var epoch: Int64 { vm.config.epoch }
    var pricelist: Pricelist { vm.pricelist }
    /// Lotus's legacy runtime recomputes it on the VM's current state at each request (network
    /// versions up to 14); it aborts when that fails, which this non-throwing accessor cannot,
    /// so it falls back to the tipset's constant.
    var circulatingSupply: TokenAmount {
        guard let source = vm.config.supplySource else { return vm.config.circulatingSupply }
        return (try? source.circulatingSupply(epoch: vm.config.epoch, state: vm.state)) ?? vm.config.circulatingSupply
    }
    var store: any ActorStore { self }

    // MARK: Gas

    /// Charges `charge`; on running out, uses up all gas and returns the error instead of throwing.
    func chargeGasSafe(_ charge: GasCharge) -> ActorError? {
        let cost = charge.total
        if trace.enabled { trace.charges.append(charge) }
        if gasUsed &+ cost > gasAvailable {
            gasUsed = gasAvailable
            return ActorError(.sysErrOutOfGas, "not enough gas: used=\(gasUsed), available=\(gasAvailable)")
        }
        gasUsed &+= cost
        return nil
    }

    func chargeGas(_ charge: GasCharge) throws(ActorError) {
        if let error = chargeGasSafe(charge) { throw error }
    }

    // MARK: Store

    func get(_ cid: CID) throws(ActorError) -> [UInt8] {
        try chargeGas(pricelist.onIpldGet())
        let data: [UInt8]?
        do { data = try vm.store.get(cid) } catch { throw .fatal("\(error)") }
        guard let data else { throw ActorError(.errNotFound, "block \(cid) not found") }
        return data
    }

    func put(_ bytes: [UInt8]) throws(ActorError) -> CID {
        try chargeGas(pricelist.onIpldPut(size: bytes.count))
        do { return try vm.store.putCBOR(bytes) } catch { throw .fatal("\(error)") }
    }

    // MARK: Caller validation

    private func markValidated() throws(ActorError) {
        guard !callerValidated else {
            throw ActorError(.sysErrIllegalActor, "Method must validate caller identity exactly once")
        }
        callerValidated = true
    }

    func validateImmediateCallerAcceptAny() throws(ActorError) {
        try markValidated()
    }

    func validateImmediateCaller(is addresses: [Address]) throws(ActorError) {
        try markValidated()
        guard addresses.contains(caller) else {
            throw ActorError(.sysErrForbidden, "caller \(caller) is not one of \(addresses)")
        }
    }

    func validateImmediateCaller(type codes: [CID]) throws(ActorError) {
        try markValidated()
        guard let code = try vm.actor(at: caller)?.code else {
            throw ActorError(.sysErrForbidden, "caller \(caller) has no code")
        }
        guard codes.contains(code) else {
            throw ActorError(.sysErrForbidden, "caller type \(code) is not one of \(codes)")
        }
    }

    // MARK: Actors

    func currentBalance() throws(ActorError) -> TokenAmount {
        guard let actor = try vm.actor(at: receiver) else { throw .fatal("receiver \(receiver) does not exist") }
        return actor.balance
    }

    func resolveAddress(_ address: Address) throws(ActorError) -> Address? {
        try vm.lookupID(address).map(Address.idAddress)
    }

    func actorCode(of address: Address) throws(ActorError) -> CID? {
        try vm.actor(at: address)?.code
    }

    func newActorAddress() throws(ActorError) -> Address {
        let key = try resolveToKeyAddress(origin)
        var data = key.cborBytes
        withUnsafeBytes(of: originNonce.bigEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: numActorsCreated.bigEndian) { data.append(contentsOf: $0) }
        numActorsCreated &+= 1
        return Address.actor(data)
    }

    /// The key address behind an account actor (Lotus `ResolveToKeyAddr`).
    /// `charged`: the account state is read through the charged store (the signature syscall
    /// does; creating an actor address does not).
    func resolveToKeyAddress(_ address: Address, charged: Bool = false) throws(ActorError) -> Address {
        if address.protocol == .bls || address.protocol == .secp256k1 { return address }
        guard let actor = try vm.actor(at: address) else {
            throw ActorError(.sysErrInvalidReceiver, "failed to find actor: \(address)")
        }
        guard ActorCodes.isAccount(actor.code) else {
            throw ActorError(.sysErrInvalidParameters, "address \(address) was not for an account actor")
        }
        let head: [UInt8]
        if charged {
            head = try get(actor.head)
        } else {
            do { head = try vm.store.getRequired(actor.head) } catch { throw .fatal("\(error)") }
        }
        do {
            var reader = CBORReader(bytes: head)
            try reader.readArrayHeader(expected: 1)
            return try Address(from: &reader)
        } catch {
            throw .fatal("account state of \(address): \(error)")
        }
    }

    func createActor(code: CID, address: Address) throws(ActorError) {
        guard let described = ActorCodes.describe(code), ActorCodes.names.contains(described.name) else {
            throw ActorError(.sysErrIllegalArgument, "Can only create built-in actors.")
        }
        guard !ActorCodes.isSingleton(code) else {
            throw ActorError(.sysErrIllegalArgument, "Can only have one instance of singleton actors.")
        }
        if try vm.actor(at: address) != nil {
            throw ActorError(.sysErrIllegalArgument, "Actor address already exists")
        }
        try chargeGas(pricelist.onCreateActor())
        guard let id = try vm.lookupID(address) else { throw .fatal("creating actor at unresolvable \(address)") }
        vm.state.setActor(id: id, ActorState(code: code, head: ActorCodes.emptyObject))
        _ = chargeGasSafe(GasCharge("OnActorExec", compute: 0, storage: 0))
    }

    func deleteActor(beneficiary: Address) throws(ActorError) {
        try chargeGas(pricelist.onDeleteActor())
        guard let receiverID = try vm.lookupID(receiver), let actor = try vm.actor(id: receiverID) else {
            throw ActorError(.sysErrIllegalActor, "failed to load actor in delete actor")
        }
        if !actor.balance.isZero {
            // Lotus treats any failure to move the balance (an unknown beneficiary) as fatal.
            do { try vm.transfer(from: receiver, to: beneficiary, actor.balance) } catch {
                throw .fatal("failed to transfer balance to beneficiary actor: \(error)")
            }
        }
        vm.state.deleteActor(id: receiverID)
        _ = chargeGasSafe(GasCharge("OnActorExec", compute: 0, storage: 0))
    }

    func send(to: Address, method: UInt64, params: [UInt8], value: TokenAmount) throws(ActorError) -> SendResult {
        guard sendsAllowed else { throw ActorError(.sysErrIllegalActor, "runtime.Send() is currently disallowed") }
        let (data, error, _) = try vm.send(
            VM.Invocation(from: receiver, to: to, value: value, method: method, params: params, gasLimit: gasAvailable),
            parent: self, charge: nil, origin: origin, originNonce: originNonce, internal: true)
        if let error { return SendResult(exitCode: error.code, returnData: []) }
        _ = chargeGasSafe(GasCharge("OnActorExec", compute: 0, storage: 0))
        return SendResult(exitCode: .ok, returnData: data)
    }

    // MARK: State

    private func receiverActor() throws(ActorError) -> ActorState {
        guard let actor = try vm.actor(at: receiver) else { throw .fatal("receiver \(receiver) does not exist") }
        return actor
    }

    func stateReadonly() throws(ActorError) -> [UInt8] {
        try get(receiverActor().head)
    }

    func stateCreate(_ bytes: [UInt8]) throws(ActorError) {
        let cid = try put(bytes)
        try commit(from: ActorCodes.emptyObject, to: cid)
    }

    func stateBegin() throws(ActorError) -> (head: CID, bytes: [UInt8]) {
        let head = try receiverActor().head
        return (head, try get(head))
    }

    func stateCommit(base: CID, bytes: [UInt8]) throws(ActorError) {
        let cid = try put(bytes)
        try commit(from: base, to: cid)
    }

    private func commit(from old: CID, to new: CID) throws(ActorError) {
        guard let id = try vm.lookupID(receiver), var actor = try vm.actor(id: id) else {
            throw .fatal("failed to get actor to commit state")
        }
        guard actor.head == old else { throw .fatal("failed to update, inconsistent base reference") }
        actor.head = new
        vm.state.setActor(id: id, actor)
    }

    // MARK: Syscalls

    func verifySignature(_ signature: Signature, signer: Address, plaintext: [UInt8]) throws(ActorError) -> Bool {
        guard let charge = pricelist.onVerifySignature(kind: signature.kind) else {
            throw ActorError(.errIllegalArgument, "cannot verify signature of type \(signature.kind)")
        }
        try chargeGas(charge)
        let key: Address
        do {
            key = try resolveToKeyAddress(signer, charged: true)
        } catch where !error.isFatal && error.code != .sysErrOutOfGas {
            return false
        }
        return signature.verifies(plaintext, signer: key)
    }

    func hashBlake2b(_ data: [UInt8]) throws(ActorError) -> [UInt8] {
        try chargeGas(pricelist.onHashing(size: data.count))
        return Blake2b.hash256(data)
    }

    func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8] {
        guard let source = vm.randomness else { throw .fatal("no randomness source") }
        return try source.randomness(fromTickets: fromTickets, tag: tag, epoch: epoch, entropy: entropy)
    }

    // MARK: Proof syscalls

    func computeUnsealedSectorCID(sealProof: RegisteredSealProof, pieces: [PieceInfo]) throws(ActorError) -> CID {
        try chargeGas(pricelist.onComputeUnsealedSectorCID())
        do { return try UnsealedSectorCID.compute(sealProof: sealProof, pieces: pieces) } catch {
            throw ActorError(.errIllegalArgument, "failed to compute unsealed sector CID: \(error)")
        }
    }

    func verifySeal(_ info: SealVerifyInfo) throws(ActorError) -> Bool {
        try chargeGas(pricelist.onVerifySeal())
        do { return try vm.proofs.verifySeal(info) } catch { return try Self.notVerified(error) }
    }

    func batchVerifySeals(_ seals: [Address: [SealVerifyInfo]]) throws(ActorError) -> [Address: [Bool]] {
        do { return try vm.proofs.batchVerifySeals(seals) } catch {
            _ = try Self.notVerified(error)
            return seals.mapValues { infos in infos.map { _ in false } }
        }
    }

    func verifyPoSt(_ info: WindowPoStVerifyInfo) throws(ActorError) -> Bool {
        try chargeGas(pricelist.onVerifyPoSt(info))
        do { return try vm.proofs.verifyWindowPoSt(info) } catch { return try Self.notVerified(error) }
    }

    func verifyConsensusFault(h1: [UInt8], h2: [UInt8], extra: [UInt8]) throws(ActorError) -> ConsensusFault? {
        try chargeGas(pricelist.onVerifyConsensusFault())
        guard let verifier = vm.consensusFaults else { return nil }
        return try verifier.verifyConsensusFault(h1: h1, h2: h2, extra: extra, epoch: epoch)
    }

    /// A proof the verifier cannot judge for its input (an unknown proof type, mismatched
    /// sectors) does not verify, as Lotus's syscalls treat every error; verification that cannot
    /// run here is fatal: the message is not computed at all rather than given an outcome a real
    /// verifier might not give.
    private static func notVerified(_ error: ProofError) throws(ActorError) -> Bool {
        if case .realVerificationUnavailable = error { throw .fatal("\(error)") }
        return false
    }
}

extension ExitCode {
    /// Code 4 before it was renamed SysErrReserved1.
    static let sysErrInvalidParameters = ExitCode(4)
}
