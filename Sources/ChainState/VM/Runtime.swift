import DagCBOR
import FilecoinTypes
import Proofs

/// What an actor sees of the VM during one invocation (specs-actors' `runtime.Runtime`).
///
/// Every operation that Lotus prices is charged here (store gets and puts, sends, signature
/// checks, hashing, actor creation and deletion). Failures are thrown as ``ActorError``: an
/// actor aborts by throwing, and passes on unchanged whatever the runtime throws (out of gas
/// above all), exactly as a Go actor's panic unwinds through it.
public protocol Runtime: AnyObject {
    var networkVersion: UInt64 { get }
    /// 0 or 2: which specs-actors generation runs (from the network version).
    var actorsVersion: Int { get }
    var epoch: Int64 { get }
    var pricelist: Pricelist { get }
    /// The immediate caller, always an ID address.
    var caller: Address { get }
    /// The actor being invoked (an ID address from network version 4; before that, as addressed).
    var receiver: Address { get }
    var valueReceived: TokenAmount { get }
    /// The charged store for the actor's state and its HAMTs/AMTs.
    var store: any ActorStore { get }
    /// Whether sends are currently allowed (false inside a state transaction).
    var sendsAllowed: Bool { get set }
    var circulatingSupply: TokenAmount { get }

    func currentBalance() throws(ActorError) -> TokenAmount
    func validateImmediateCallerAcceptAny() throws(ActorError)
    func validateImmediateCaller(is addresses: [Address]) throws(ActorError)
    func validateImmediateCaller(type codes: [CID]) throws(ActorError)
    /// The ID address `address` stands for, or nil when no actor has it.
    func resolveAddress(_ address: Address) throws(ActorError) -> Address?
    /// The code of the actor at `address`, or nil.
    func actorCode(of address: Address) throws(ActorError) -> CID?
    /// A fresh robust (f2) address derived from the origin, its nonce and the actors created so far.
    func newActorAddress() throws(ActorError) -> Address
    func createActor(code: CID, address: Address) throws(ActorError)
    /// Deletes the receiver, sending its balance to `beneficiary`.
    func deleteActor(beneficiary: Address) throws(ActorError)
    /// Sends a message from the receiver; a failed callee is an exit code, not a throw.
    func send(to: Address, method: UInt64, params: [UInt8], value: TokenAmount) throws(ActorError) -> SendResult

    /// The receiver's state bytes (one charged get).
    func stateReadonly() throws(ActorError) -> [UInt8]
    /// Stores the receiver's first state (one charged put); its head must be the empty object.
    func stateCreate(_ bytes: [UInt8]) throws(ActorError)
    /// Reads the receiver's state for a transaction: its head and bytes (one charged get).
    func stateBegin() throws(ActorError) -> (head: CID, bytes: [UInt8])
    /// Stores the transaction's new state (one charged put) and moves the head from `base` to it.
    func stateCommit(base: CID, bytes: [UInt8]) throws(ActorError)

    func chargeGas(_ charge: GasCharge) throws(ActorError)
    /// Whether `signature` is `signer`'s signature of `plaintext` (charged by signature type).
    func verifySignature(_ signature: Signature, signer: Address, plaintext: [UInt8]) throws(ActorError) -> Bool
    func hashBlake2b(_ data: [UInt8]) throws(ActorError) -> [UInt8]
    /// Recorded or drawn randomness.
    func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8]

    // MARK: Proof syscalls (Lotus `runtime.Syscalls`), answered by the VM's `ProofVerifier`

    /// CommD of a sector holding `pieces` (charged `OnComputeUnsealedSectorCid`); pieces that do
    /// not fit the sector are ErrIllegalArgument.
    func computeUnsealedSectorCID(sealProof: RegisteredSealProof, pieces: [PieceInfo]) throws(ActorError) -> CID
    /// Whether `info` is a valid seal (charged `OnVerifySeal`); false for a wrong proof.
    func verifySeal(_ info: SealVerifyInfo) throws(ActorError) -> Bool
    /// Each miner's seals verified, in order (cron's bulk PoRep verification; not charged).
    func batchVerifySeals(_ seals: [Address: [SealVerifyInfo]]) throws(ActorError) -> [Address: [Bool]]
    /// Whether `info` is a valid window PoSt (charged `OnVerifyPost`); false for a wrong proof.
    func verifyPoSt(_ info: WindowPoStVerifyInfo) throws(ActorError) -> Bool
    /// The consensus fault two (or, with `extra`, three) block headers prove, nil when they prove
    /// none (charged `OnVerifyConsensusFault`).
    func verifyConsensusFault(h1: [UInt8], h2: [UInt8], extra: [UInt8]) throws(ActorError) -> ConsensusFault?
}

/// A `runtime.ConsensusFault`: who committed it, at which epoch, and of which kind.
public struct ConsensusFault: Hashable, Sendable {
    public enum Kind: Int64, Sendable {
        case doubleForkMining = 1
        case timeOffsetMining = 2
        case parentGrinding = 3
    }

    public var target: Address
    public var epoch: Int64
    public var kind: Kind

    public init(target: Address, epoch: Int64, kind: Kind) {
        self.target = target
        self.epoch = epoch
        self.kind = kind
    }
}

/// What a send returned: the callee's exit code and its return bytes (empty on failure).
public struct SendResult: Hashable, Sendable {
    public var exitCode: ExitCode
    public var returnData: [UInt8]

    public init(exitCode: ExitCode, returnData: [UInt8]) {
        self.exitCode = exitCode
        self.returnData = returnData
    }
}

extension Runtime {
    /// Aborts when the receiver is called by anything but `address`.
    public func validateImmediateCaller(is address: Address) throws(ActorError) {
        try validateImmediateCaller(is: [address])
    }

    /// Decodes method parameters as Lotus's invoker does: one CBOR value, trailing bytes
    /// ignored; failure is exit code 1 before network version 7 (then ErrSerialization).
    public func decodeParams<T: CBORDecodable>(_ type: T.Type, _ bytes: [UInt8]) throws(ActorError) -> T {
        do {
            var reader = CBORReader(bytes: bytes)
            return try T(from: &reader)
        } catch {
            throw ActorError(networkVersion < 7 ? ExitCode(1) : .errSerialization, "failed to decode parameters: \(error)")
        }
    }

    /// The receiver's state decoded as `S`.
    public func state<S: CBORDecodable>(_ type: S.Type) throws(ActorError) -> S {
        let bytes = try stateReadonly()
        do { return try S(cborBytes: bytes) } catch { throw ActorError(.errSerialization, "decoding state: \(error)") }
    }

    /// Creates the receiver's first state.
    public func createState(_ state: some CBOREncodable) throws(ActorError) {
        try stateCreate(state.cborBytes)
    }

    /// Runs `body` on the receiver's state and commits the result; sends are refused inside.
    public func transaction<S: CBORCodable, R>(
        _ type: S.Type, _ body: (inout S) throws(ActorError) -> R
    ) throws(ActorError) -> R {
        let (head, bytes) = try stateBegin()
        var state: S
        do { state = try S(cborBytes: bytes) } catch { throw ActorError(.errSerialization, "decoding state: \(error)") }
        sendsAllowed = false
        let result = try body(&state)
        sendsAllowed = true
        try stateCommit(base: head, bytes: state.cborBytes)
        return result
    }

    /// The CBOR encoding of `value`, as a method return.
    public func encode(_ value: some CBOREncodable) -> [UInt8] { value.cborBytes }
}
