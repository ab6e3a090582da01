import DagCBOR
import FilecoinTypes
import IPLD

/// The state tree the VM mutates: actors by ID over the actors HAMT, with layers of pending
/// changes for snapshots (Lotus `state.StateTree` with its `stateSnaps`).
///
/// ``snapshot()`` opens a layer, ``revert()`` discards the top layer's changes (leaving an
/// empty layer open), ``clearSnapshot()`` merges the top layer into the one below. ``flush()``
/// writes the bottom layer into the HAMT and returns the new root in the encoding it was loaded
/// in (see ``StateRoot``). No operation here is charged gas: the VM's own bookkeeping is free,
/// only an actor's store access is priced. Queries read a flushed root through a
/// ``StateTreeView``.
///
/// Owned by one VM and used from one task at a time (not Sendable).
public final class StateTree: StateTreeReader {
    public let store: any Blockstore
    public let version: UInt64
    /// The state info block (versions 1 and later).
    public let info: CID?
    private var actors: HAMT
    /// Pending changes, oldest first; a nil actor is a deletion.
    private var layers: [[UInt64: ActorState?]] = [[:]]

    public init(root: CID, store: any Blockstore) throws(StateTreeError) {
        self.store = store
        let stateRoot = try StateRoot(loading: root, from: store)
        version = stateRoot.version
        info = stateRoot.info
        do {
            actors = try HAMT(loading: stateRoot.actors, store: store, parameters: StateRoot.hamtParameters(version: version))
        } catch {
            throw .hamt(error)
        }
    }

    // MARK: Actors

    /// The actor with this ID as the pending changes leave it, or nil.
    public func actor(id: UInt64) throws(StateTreeError) -> ActorState? {
        for layer in layers.reversed() {
            if let entry = layer[id] { return entry }
        }
        let raw: [UInt8]?
        do { raw = try actors.get(StateRoot.actorKey(id: id)) } catch { throw .hamt(error) }
        guard let raw else { return nil }
        return try decodeActor(raw, id: id)
    }

    public func setActor(id: UInt64, _ actor: ActorState) {
        layers[layers.count - 1][id] = .some(actor)
    }

    public func deleteActor(id: UInt64) {
        layers[layers.count - 1][id] = .some(nil)
    }

    // MARK: Snapshots

    public func snapshot() { layers.append([:]) }

    public func revert() {
        layers[layers.count - 1] = [:]
    }

    public func clearSnapshot() {
        guard layers.count > 1 else { return }
        let top = layers.removeLast()
        for (id, entry) in top { layers[layers.count - 1][id] = entry }
    }

    // MARK: Init actor

    /// Maps `address` to a fresh ID in the init actor (Lotus `RegisterNewAddress`).
    public func registerNewAddress(_ address: Address) throws(StateTreeError) -> UInt64 {
        var (actor, state) = try initActor()
        let id = state.nextID
        guard id <= Address.maxID else { throw .malformedInitState("next ID \(id) is beyond 2^63-1") }
        do {
            var map = try HAMT(loading: state.addressMap, store: store, parameters: hamtParameters)
            try map.set(address.bytes, id.cborBytes)
            state.addressMap = try map.flush()
        } catch {
            throw .hamt(error)
        }
        state.nextID &+= 1
        do { actor.head = try store.putCBOR(state.cborBytes) } catch { throw .store(error) }
        setActor(id: BuiltinAddress.initActorID, actor)
        return id
    }

    // MARK: Flush

    /// Merges every open layer, writes the changes into the actors HAMT and returns the root.
    public func flush() throws(StateTreeError) -> CID {
        while layers.count > 1 { clearSnapshot() }
        let actorsRoot: CID
        do {
            for (id, entry) in layers[0].sorted(by: { $0.key < $1.key }) {
                if let actor = entry {
                    try actors.set(StateRoot.actorKey(id: id), actor.cborBytes(version: version))
                } else {
                    try actors.delete(StateRoot.actorKey(id: id))
                }
            }
            actorsRoot = try actors.flush()
        } catch {
            throw .hamt(error)
        }
        layers[0] = [:]
        do { return try StateRoot(version: version, actors: actorsRoot, info: info).store(in: store) } catch {
            throw .store(error)
        }
    }
}
