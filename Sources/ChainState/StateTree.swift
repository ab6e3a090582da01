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
    /// Decoded nodes of the actors HAMT and the init actor's address map, kept for the tree's
    /// life: a VM reads many actors between flushes, through the same upper nodes.
    public let hamtCache: HAMTNodeCache? = HAMTNodeCache(capacity: 1 << 14)
    /// Pending changes, oldest first; a nil actor is a deletion.
    private var layers: [[UInt64: ActorState?]] = [[:]]
    /// Actors as the HAMT holds them (nil: absent), decoded once: block application reads the
    /// same senders, recipients and singletons over and over between flushes.
    private var committed: [UInt64: ActorState?] = [:]
    /// Robust addresses resolved so far, layered like ``layers`` so that an address registered
    /// in a reverted snapshot is forgotten with it. Mappings never change once made, so a hit
    /// is the init actor's answer without loading its state and address map again.
    private var resolved: [[Address: UInt64]] = [[:]]

    public init(root: CID, store: any Blockstore) throws(StateTreeError) {
        self.store = store
        let stateRoot = try StateRoot(loading: root, from: store)
        version = stateRoot.version
        info = stateRoot.info
        do {
            actors = try HAMT(
                loading: stateRoot.actors, store: store, parameters: StateRoot.hamtParameters(version: version), cache: hamtCache)
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
        if let cached = committed[id] { return cached }
        let raw: [UInt8]?
        do { raw = try actors.get(StateRoot.actorKey(id: id)) } catch { throw .hamt(error) }
        let actor = try raw.map { bytes throws(StateTreeError) in try decodeActor(bytes, id: id) }
        committed[id] = .some(actor)
        return actor
    }

    /// The ID `address` stands for, through the init actor as the pending changes leave it.
    public func lookupID(_ address: Address) throws(StateTreeError) -> UInt64? {
        if let id = address.idValue { return id }
        for layer in resolved.reversed() {
            if let id = layer[address] { return id }
        }
        guard let id = try resolveThroughInitActor(address) else { return nil }
        resolved[resolved.count - 1][address] = id
        return id
    }

    /// The actor at `address`, or nil.
    public func actor(at address: Address) throws(StateTreeError) -> ActorState? {
        guard let id = try lookupID(address) else { return nil }
        return try actor(id: id)
    }

    public func setActor(id: UInt64, _ actor: ActorState) {
        layers[layers.count - 1][id] = .some(actor)
    }

    public func deleteActor(id: UInt64) {
        layers[layers.count - 1][id] = .some(nil)
    }

    // MARK: Snapshots

    public func snapshot() {
        layers.append([:])
        resolved.append([:])
    }

    public func revert() {
        layers[layers.count - 1] = [:]
        resolved[resolved.count - 1] = [:]
    }

    public func clearSnapshot() {
        guard layers.count > 1 else { return }
        let top = layers.removeLast()
        for (id, entry) in top { layers[layers.count - 1][id] = entry }
        let names = resolved.removeLast()
        for (address, id) in names { resolved[resolved.count - 1][address] = id }
    }

    // MARK: Init actor

    /// Maps `address` to a fresh ID in the init actor (Lotus `RegisterNewAddress`).
    public func registerNewAddress(_ address: Address) throws(StateTreeError) -> UInt64 {
        var (actor, state) = try initActor()
        let id = state.nextID
        guard id <= Address.maxID else { throw .malformedInitState("next ID \(id) is beyond 2^63-1") }
        do {
            var map = try HAMT(loading: state.addressMap, store: store, parameters: hamtParameters, cache: hamtCache)
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
        for (id, entry) in layers[0] { committed[id] = .some(entry) }
        layers[0] = [:]
        do { return try StateRoot(version: version, actors: actorsRoot, info: info).store(in: store) } catch {
            throw .store(error)
        }
    }
}
