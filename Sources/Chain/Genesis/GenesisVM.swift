import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import IPLD
import Proofs

/// The VM genesis runs at epoch 0 (Lotus's genesis VM): no base fee, no circulating supply, the
/// mock proofs, a deterministic randomness source. Calls are implicit messages (Lotus
/// `doExecValue`: no signature, nonce or gas payment), and any failure stops genesis.
///
/// Owned by one ``GenesisBuilder/build(into:)`` call.
final class GenesisVM {
    let vm: VM
    /// Lotus's genesis messages' gas limit (`doExecValue`).
    static let gasLimit: Int64 = 1_000_000_000_000_000_000

    init(stateRoot: CID, store: any Blockstore, networkVersion: UInt64, registry: ActorRegistry) throws(GenesisError) {
        do {
            vm = try VM(
                stateRoot: stateRoot, store: store,
                config: VMConfig(epoch: 0, networkVersion: networkVersion, baseFee: .zero, circulatingSupply: .zero),
                registry: registry, randomness: GenesisRandomness(), proofs: MockProofs())
        } catch {
            throw .state("starting the genesis VM: \(error.message)")
        }
    }

    /// Sends `method` from `from` to `to` with `value` and returns the return bytes; a non-zero exit
    /// code is an error naming `what`.
    @discardableResult
    func call(
        _ what: @autoclosure () -> String, from: Address, to: Address, value: TokenAmount = .zero, method: UInt64,
        params: [UInt8] = []
    ) throws(GenesisError) -> [UInt8] {
        let nonce: UInt64
        do { nonce = try vm.state.actor(at: from)?.nonce ?? 0 } catch { throw .state("reading \(from): \(error)") }
        let message = Message(
            to: to, from: from, nonce: nonce, value: value, gasLimit: Self.gasLimit, gasFeeCap: .zero, gasPremium: .zero,
            method: method, params: params)
        let result: ApplyResult
        do { result = try vm.applyImplicitMessage(message) } catch { throw .state("\(what()): \(error.message)") }
        guard result.receipt.exitCode == 0 else {
            throw .actorCallFailed(what(), exitCode: result.receipt.exitCode, result.errorMessage ?? "")
        }
        return result.receipt.returnData
    }

    /// Calls and decodes the return value.
    func call<R: CBORDecodable>(
        _ what: @autoclosure () -> String, from: Address, to: Address, value: TokenAmount = .zero, method: UInt64,
        params: [UInt8] = [], returning: R.Type
    ) throws(GenesisError) -> R {
        let bytes = try call(what(), from: from, to: to, value: value, method: method, params: params)
        do { return try R(cborBytes: bytes) } catch { throw .state("\(what()): undecodable return: \(error)") }
    }

    func actor(id: UInt64) throws(GenesisError) -> ActorState? {
        do { return try vm.state.actor(id: id) } catch { throw .state("reading actor \(id): \(error)") }
    }

    func setActor(id: UInt64, _ actor: ActorState) {
        vm.state.setActor(id: id, actor)
    }

    /// Stores a state object and returns its CID.
    func put(_ value: some CBOREncodable) throws(GenesisError) -> CID {
        do { return try vm.store.put(value) } catch { throw .state("storing a state object: \(error)") }
    }

    /// The state of actor `id` decoded as `S`, with the actor.
    func state<S: CBORDecodable>(of id: UInt64, as type: S.Type) throws(GenesisError) -> (ActorState, S) {
        guard let actor = try actor(id: id) else { throw .state("actor \(id) does not exist") }
        do {
            let bytes = try vm.store.getRequired(actor.head)
            return (actor, try S(cborBytes: bytes))
        } catch {
            throw .state("reading the state of actor \(id): \(error)")
        }
    }

    /// Replaces actor `id`'s state with `state` (Lotus's direct state edits at genesis).
    func replaceState(of id: UInt64, with state: some CBOREncodable) throws(GenesisError) {
        guard var actor = try actor(id: id) else { throw .state("actor \(id) does not exist") }
        actor.head = try put(state)
        setActor(id: id, actor)
    }

    /// Writes the state tree and its blocks to the backing store.
    func flush() throws(GenesisError) -> CID {
        do { return try vm.flush() } catch { throw .state("flushing the genesis state: \(error.message)") }
    }

    /// The store actor-level collections are built in (the VM's buffer, flushed with the state).
    var actorStore: UnchargedActorStore { UnchargedActorStore(vm.store) }
}

/// Randomness for the genesis VM: BLAKE2b-256 of a tagged DAG-CBOR array of the request.
/// Lotus's genesis uses Go's `math/rand` seeded by the epoch (`fakeRand`); what matters is that
/// it is fixed, so that the same template makes the same state (it only places the deals' first
/// cron epochs).
struct GenesisRandomness: RandomnessSource {
    static let tag = "venus-swift genesis randomness v1"

    func randomness(fromTickets: Bool, tag: Int64, epoch: Int64, entropy: [UInt8]) throws(ActorError) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(5)
        writer.writeText(Self.tag)
        writer.writeBool(fromTickets)
        writer.writeInt(tag)
        writer.writeInt(epoch)
        writer.writeBytes(entropy)
        return Blake2b.hash256(writer.bytes)
    }
}
