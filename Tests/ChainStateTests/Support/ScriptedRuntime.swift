@testable import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import IPLD
import Proofs
import Testing

/// A scripted ``Runtime`` for actor unit tests (specs-actors' `mock.Runtime`).
///
/// The test sets the invocation's context (caller, receiver, value, epoch, versions), the
/// receiver's balance and the other actors it may look up, then scripts what the actor is
/// expected to do: the caller validation it performs and each send, in order, with the return
/// bytes and exit code the callee gives. Anything unscripted the actor does (a send, a syscall
/// without a handler) is recorded as a test issue and thrown as a fatal error, so a test fails
/// loudly rather than seeing a default answer. ``verify()`` records the scripted expectations
/// that were not met. Gas is not charged.
///
/// Invariant: state lives in an in-memory block store; `head` is the receiver's state root, nil
/// until the constructor creates it.
final class ScriptedRuntime: Runtime, ActorStore {
    // MARK: Context

    var networkVersion: UInt64
    var actorsVersion: Int
    var epoch: Int64 = 0
    var pricelist: Pricelist = .genesis
    var caller: Address
    /// The caller's code, for `validateImmediateCaller(type:)`.
    var callerCode: CID
    var receiver: Address
    var valueReceived: TokenAmount = .zero
    var circulatingSupply: TokenAmount = .zero
    var sendsAllowed = true
    /// The receiver's balance; value sent out is taken from it.
    var balance: TokenAmount = .zero

    let blocks = MemoryBlockstore()
    var store: any ActorStore { self }
    /// The receiver's state root.
    var head: CID?

    /// Codes of the actors `actorCode(of:)` finds (ID addresses).
    var actorCodes: [Address: CID] = [:]
    /// Non-ID addresses and the ID addresses they resolve to.
    var idAddresses: [Address: Address] = [:]
    /// Addresses `newActorAddress()` hands out, in order.
    var newActorAddresses: [Address] = []
    var createdActors: [(code: CID, address: Address)] = []
    var deletedBeneficiary: Address?

    // MARK: Scripted expectations

    /// What caller validation the method is expected to perform.
    enum CallerExpectation: Equatable {
        case any
        case addresses([Address])
        case types([CID])
    }

    /// One send the actor is expected to make, and what the callee answers.
    struct ExpectedSend {
        var to: Address
        var method: UInt64
        /// The expected parameter bytes; nil accepts any.
        var params: [UInt8]?
        var value: TokenAmount
        var returnData: [UInt8]
        var exitCode: ExitCode
    }

    /// A send the actor made.
    struct RecordedSend: Equatable {
        var to: Address
        var method: UInt64
        var params: [UInt8]
        var value: TokenAmount
    }

    private(set) var expectedCaller: CallerExpectation?
    private(set) var callerValidated = false
    private(set) var expectedSends: [ExpectedSend] = []
    private(set) var sends: [RecordedSend] = []
    /// Deletion expected by the script (beneficiary).
    private(set) var expectedDeletion: Address?

    /// Answers `randomness(fromTickets:tag:epoch:entropy:)`.
    var randomnessHandler: ((_ fromTickets: Bool, _ tag: Int64, _ epoch: Int64, _ entropy: [UInt8]) -> [UInt8])?
    var verifySignatureHandler: ((Signature, Address, [UInt8]) -> Bool)?
    var computeUnsealedSectorCIDHandler: ((RegisteredSealProof, [PieceInfo]) throws(ActorError) -> CID)?
    var verifySealHandler: ((SealVerifyInfo) -> Bool)?
    var batchVerifySealsHandler: (([Address: [SealVerifyInfo]]) -> [Address: [Bool]])?
    var verifyPoStHandler: ((WindowPoStVerifyInfo) -> Bool)?
    var verifyConsensusFaultHandler: ((_ h1: [UInt8], _ h2: [UInt8], _ extra: [UInt8]) -> ConsensusFault?)?
    /// Runs after each scripted send succeeds (to model its effects, e.g. an account created by a
    /// send to a new key address).
    var afterSend: ((ScriptedRuntime, RecordedSend) -> Void)?
    /// Every batch of seals handed to `batchVerifySeals`.
    private(set) var batchVerified: [[Address: [SealVerifyInfo]]] = []

    init(
        receiver: Address, caller: Address, callerCode: CID? = nil, actorsVersion: Int = 2,
        networkVersion: UInt64? = nil
    ) {
        self.receiver = receiver
        self.caller = caller
        self.actorsVersion = actorsVersion
        self.networkVersion = networkVersion ?? (actorsVersion >= 2 ? 4 : 3)
        self.callerCode = callerCode ?? ActorCodes.code("account", actorsVersion: actorsVersion)
    }

    /// The code of builtin actor `name` in this runtime's actors version.
    func code(_ name: String) -> CID { ActorCodes.code(name, actorsVersion: actorsVersion) }

    /// Sets the caller (and its code) for the next call.
    func setCaller(_ address: Address, code: CID) {
        caller = address
        callerCode = code
        actorCodes[address] = code
    }

    // MARK: Scripting

    func expectValidateCallerAny() { expectedCaller = .any }
    func expectValidateCaller(_ addresses: Address...) { expectedCaller = .addresses(addresses) }
    func expectValidateCallerType(_ codes: CID...) { expectedCaller = .types(codes) }

    func expectSend(
        to: Address, method: UInt64, params: [UInt8]? = nil, value: TokenAmount = .zero,
        returnData: [UInt8] = [], exitCode: ExitCode = .ok
    ) {
        expectedSends.append(
            ExpectedSend(to: to, method: method, params: params, value: value, returnData: returnData, exitCode: exitCode))
    }

    func expectDeleteActor(beneficiary: Address) { expectedDeletion = beneficiary }

    /// Calls `actor`'s `method` with `params` as the VM would, returning its return bytes.
    /// Caller validation state is reset first (it is per invocation).
    @discardableResult
    func call(_ actor: some BuiltinActor, method: UInt64, params: [UInt8] = []) throws(ActorError) -> [UInt8] {
        callerValidated = false
        sendsAllowed = true
        balance += valueReceived
        do {
            return try actor.invoke(self, method: method, params: params)
        } catch {
            balance -= valueReceived
            throw error
        }
    }

    /// Calls and expects an abort with `code`.
    func expectAbort(_ code: ExitCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected abort with \(code), but the call succeeded", sourceLocation: sourceLocation)
        } catch let error as ActorError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(!error.isFatal, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected abort with \(code), got \(error)", sourceLocation: sourceLocation)
        }
        // An aborted call's remaining script is void, as specs-actors' mock resets it.
        expectedSends.removeAll()
        expectedCaller = nil
        expectedDeletion = nil
    }

    /// Records every scripted expectation that was not met, then clears the script.
    func verify(sourceLocation: SourceLocation = #_sourceLocation) {
        if let expectedCaller, !callerValidated {
            Issue.record("expected caller validation \(expectedCaller) was not performed", sourceLocation: sourceLocation)
        }
        for send in expectedSends {
            Issue.record("expected send to \(send.to) method \(send.method) was not made", sourceLocation: sourceLocation)
        }
        if let expectedDeletion {
            Issue.record("expected deletion (beneficiary \(expectedDeletion)) did not happen", sourceLocation: sourceLocation)
        }
        reset()
    }

    /// Clears the script and the record of sends.
    func reset() {
        expectedCaller = nil
        expectedSends.removeAll()
        expectedDeletion = nil
        sends.removeAll()
        callerValidated = false
        valueReceived = .zero
    }

    private func unexpected(_ what: String) -> ActorError {
        Issue.record("unexpected: \(what)")
        return .fatal("scripted runtime: unexpected \(what)")
    }

    // MARK: State helpers for tests

    /// The receiver's state decoded as `S`.
    func getState<S: CBORDecodable>(_ type: S.Type) throws -> S {
        guard let head else { throw ActorError.fatal("no state") }
        return try S(cborBytes: try blocks.getRequired(head))
    }

    /// Replaces the receiver's state.
    func setState(_ state: some CBOREncodable) throws {
        head = try blocks.putCBOR(state.cborBytes)
    }

    // MARK: ActorStore

    func get(_ cid: CID) throws(ActorError) -> [UInt8] {
        let data: [UInt8]?
        do { data = try blocks.get(cid) } catch { throw .fatal("\(error)") }
        guard let data else { throw ActorError(.errNotFound, "block \(cid) not found") }
        return data
    }

    func put(_ bytes: [UInt8]) throws(ActorError) -> CID {
        do { return try blocks.putCBOR(bytes) } catch { throw .fatal("\(error)") }
    }

    // MARK: Runtime

    func currentBalance() throws(ActorError) -> TokenAmount { balance }

    private func markValidated() throws(ActorError) {
        guard !callerValidated else {
            throw ActorError(.sysErrIllegalActor, "Method must validate caller identity exactly once")
        }
        callerValidated = true
    }

    func validateImmediateCallerAcceptAny() throws(ActorError) {
        try markValidated()
        guard let expectedCaller, expectedCaller == .any else { throw unexpected("validateImmediateCallerAcceptAny") }
    }

    func validateImmediateCaller(is addresses: [Address]) throws(ActorError) {
        try markValidated()
        guard let expectedCaller, expectedCaller == .addresses(addresses) else {
            throw unexpected("validateImmediateCaller(is: \(addresses)), expected \(String(describing: expectedCaller))")
        }
        guard addresses.contains(caller) else {
            throw ActorError(.sysErrForbidden, "caller \(caller) is not one of \(addresses)")
        }
    }

    func validateImmediateCaller(type codes: [CID]) throws(ActorError) {
        try markValidated()
        guard let expectedCaller, expectedCaller == .types(codes) else {
            throw unexpected("validateImmediateCaller(type: \(codes)), expected \(String(describing: expectedCaller))")
        }
        guard codes.contains(callerCode) else {
            throw ActorError(.sysErrForbidden, "caller type \(callerCode) is not one of \(codes)")
        }
    }

    func resolveAddress(_ address: Address) throws(ActorError) -> Address? {
        if address.idValue != nil { return address }
        return idAddresses[address]
    }

    func actorCode(of address: Address) throws(ActorError) -> CID? {
        if address == caller { return callerCode }
        let id = try resolveAddress(address)
        return id.flatMap { actorCodes[$0] }
    }

    func newActorAddress() throws(ActorError) -> Address {
        guard !newActorAddresses.isEmpty else { throw unexpected("newActorAddress") }
        return newActorAddresses.removeFirst()
    }

    func createActor(code: CID, address: Address) throws(ActorError) {
        createdActors.append((code, address))
        actorCodes[address] = code
    }

    func deleteActor(beneficiary: Address) throws(ActorError) {
        guard let expectedDeletion, expectedDeletion == beneficiary else {
            throw unexpected("deleteActor(beneficiary: \(beneficiary))")
        }
        self.expectedDeletion = nil
        deletedBeneficiary = beneficiary
    }

    func send(to: Address, method: UInt64, params: [UInt8], value: TokenAmount) throws(ActorError) -> SendResult {
        guard sendsAllowed else { throw ActorError(.sysErrIllegalActor, "runtime.Send() is currently disallowed") }
        guard let expected = expectedSends.first else {
            throw unexpected("send to \(to) method \(method) value \(value) params \(hexString(params))")
        }
        guard expected.to == to, expected.method == method, expected.value == value,
            expected.params == nil || expected.params == params
        else {
            throw unexpected(
                "send to \(to) method \(method) value \(value) params \(hexString(params)); expected to \(expected.to) "
                    + "method \(expected.method) value \(expected.value) params \(expected.params.map(hexString) ?? "any")")
        }
        expectedSends.removeFirst()
        guard value <= balance else {
            throw ActorError(.sysErrInsufficientFunds, "cannot send value \(value) exceeding balance \(balance)")
        }
        let record = RecordedSend(to: to, method: method, params: params, value: value)
        sends.append(record)
        if expected.exitCode.isSuccess {
            balance -= value
            afterSend?(self, record)
        }
        return SendResult(exitCode: expected.exitCode, returnData: expected.exitCode.isSuccess ? expected.returnData : [])
    }

    func stateReadonly() throws(ActorError) -> [UInt8] {
        guard let head else { throw ActorError(.errIllegalState, "no state") }
        return try get(head)
    }

    func stateCreate(_ bytes: [UInt8]) throws(ActorError) {
        guard head == nil || head == ActorCodes.emptyObject else { throw ActorError(.errIllegalState, "state already constructed") }
        head = try put(bytes)
    }

    func stateBegin() throws(ActorError) -> (head: CID, bytes: [UInt8]) {
        guard let head else { throw ActorError(.errIllegalState, "no state") }
        return (head, try get(head))
    }

    func stateCommit(base: CID, bytes: [UInt8]) throws(ActorError) {
        guard base == head else { throw ActorError(.errIllegalState, "failed to update, inconsistent base reference") }
        head = try put(bytes)
    }

    func chargeGas(_ charge: GasCharge) throws(ActorError) {}

    func verifySignature(_ signature: Signature, signer: Address, plaintext: [UInt8]) throws(ActorError) -> Bool {
        guard let verifySignatureHandler else { throw unexpected("verifySignature") }
        return verifySignatureHandler(signature, signer, plaintext)
    }

    func hashBlake2b(_ data: [UInt8]) throws(ActorError) -> [UInt8] { Blake2b.hash256(data) }

    func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8] {
        guard let randomnessHandler else { throw unexpected("randomness(tag: \(tag), epoch: \(epoch))") }
        return randomnessHandler(fromTickets, tag, epoch, entropy)
    }

    func computeUnsealedSectorCID(sealProof: RegisteredSealProof, pieces: [PieceInfo]) throws(ActorError) -> CID {
        guard let computeUnsealedSectorCIDHandler else { throw unexpected("computeUnsealedSectorCID") }
        return try computeUnsealedSectorCIDHandler(sealProof, pieces)
    }

    func verifySeal(_ info: SealVerifyInfo) throws(ActorError) -> Bool {
        guard let verifySealHandler else { throw unexpected("verifySeal") }
        return verifySealHandler(info)
    }

    func batchVerifySeals(_ seals: [Address: [SealVerifyInfo]]) throws(ActorError) -> [Address: [Bool]] {
        batchVerified.append(seals)
        // The power actor asks on every cron tick, usually with nothing to verify.
        if seals.isEmpty, batchVerifySealsHandler == nil { return [:] }
        guard let batchVerifySealsHandler else { throw unexpected("batchVerifySeals") }
        return batchVerifySealsHandler(seals)
    }

    func verifyPoSt(_ info: WindowPoStVerifyInfo) throws(ActorError) -> Bool {
        guard let verifyPoStHandler else { throw unexpected("verifyPoSt") }
        return verifyPoStHandler(info)
    }

    func verifyConsensusFault(h1: [UInt8], h2: [UInt8], extra: [UInt8]) throws(ActorError) -> ConsensusFault? {
        guard let verifyConsensusFaultHandler else { throw unexpected("verifyConsensusFault") }
        return verifyConsensusFaultHandler(h1, h2, extra)
    }
}

/// Lowercase hex for failure messages.
private func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}
