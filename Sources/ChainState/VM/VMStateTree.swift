import DagCBOR
import FilecoinTypes
import IPLD

/// The state tree the VM mutates: actors by ID over the actors HAMT, with layers of pending
/// changes for snapshots (Lotus `state.StateTree` with its `stateSnaps`).
///
/// ``snapshot()`` opens a layer, ``revert()`` discards the top layer's changes (leaving an
/// empty layer open), ``clearSnapshot()`` merges the top layer into the one below. ``flush()``
/// writes the bottom layer into the HAMT and returns the new root in the version it was loaded
/// in: a bare HAMT for version 0, `[version, actors, info]` otherwise. No operation here is
/// charged gas: the VM's own bookkeeping is free, only an actor's store access is priced.
public final class VMStateTree {
    public let store: any Blockstore
    public let version: UInt64
    public let info: CID?
    public let hamtParameters: HAMTParameters
    private var actors: HAMT
    /// Pending changes, oldest first; a nil actor is a deletion.
    private var layers: [[UInt64: VMActor?]] = [[:]]

    public static let initActorID: UInt64 = 1

    public init(root: CID, store: any Blockstore) throws(ActorError) {
        self.store = store
        let bytes: [UInt8]
        do { bytes = try store.getRequired(root) } catch { throw .fatal("state root: \(error)") }
        var actorsRoot = root
        var version: UInt64 = 0
        var info: CID? = nil
        do {
            var reader = CBORReader(bytes: bytes)
            let count = try reader.readArrayHeader()
            if count == 3 {
                version = try reader.readUnsigned()
                actorsRoot = try reader.readCID()
                info = try reader.readCID()
            } else if count != 2 {
                throw ActorError.fatal("state root \(root) is neither a StateRoot nor a HAMT node")
            }
        } catch let error as ActorError {
            throw error
        } catch {
            throw .fatal("state root \(root): \(error)")
        }
        guard version <= 4 else { throw .fatal("state tree version \(version) is not supported by this VM") }
        self.version = version
        self.info = info
        self.hamtParameters = StateTree.hamtParameters(version: version)
        do {
            actors = try HAMT(loading: actorsRoot, store: store, parameters: hamtParameters)
        } catch {
            throw .fatal("actors HAMT: \(error)")
        }
    }

    // MARK: Actors

    public func getActor(id: UInt64) throws(ActorError) -> VMActor? {
        for layer in layers.reversed() {
            if let entry = layer[id] { return entry }
        }
        let raw: [UInt8]?
        do { raw = try actors.get(StateTree.idAddress(id)) } catch { throw .fatal("actors HAMT: \(error)") }
        guard let raw else { return nil }
        do { return try VMActor(cborBytes: raw) } catch { throw .fatal("actor f0\(id) is malformed: \(error)") }
    }

    /// The actor at `address` (resolved through the init actor), or nil when there is none.
    public func getActor(_ address: Address) throws(ActorError) -> VMActor? {
        guard let id = try lookupID(address) else { return nil }
        return try getActor(id: id)
    }

    public func setActor(id: UInt64, _ actor: VMActor) {
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

    /// The init actor's state `[AddressMap, NextID, NetworkName]`.
    public struct InitState: Hashable, Sendable {
        public var addressMap: CID
        public var nextID: UInt64
        public var networkName: String

        public init(cborBytes bytes: [UInt8]) throws {
            var reader = CBORReader(bytes: bytes)
            try reader.readArrayHeader(expected: 3)
            addressMap = try reader.readCID()
            nextID = try reader.readUnsigned()
            networkName = try reader.readText()
            try reader.finish()
        }

        public init(addressMap: CID, nextID: UInt64, networkName: String) {
            self.addressMap = addressMap
            self.nextID = nextID
            self.networkName = networkName
        }

        public var cborBytes: [UInt8] {
            var writer = CBORWriter()
            writer.writeArrayHeader(3)
            writer.writeCID(addressMap)
            writer.writeUnsigned(nextID)
            writer.writeText(networkName)
            return writer.bytes
        }
    }

    private func initState() throws(ActorError) -> (VMActor, InitState) {
        guard let actor = try getActor(id: Self.initActorID) else { throw .fatal("no init actor") }
        do {
            return (actor, try InitState(cborBytes: store.getRequired(actor.head)))
        } catch {
            throw .fatal("init actor state: \(error)")
        }
    }

    /// The ID `address` stands for: its own ID, or the init actor's mapping; nil when unknown.
    public func lookupID(_ address: Address) throws(ActorError) -> UInt64? {
        if let id = address.idValue { return id }
        let (_, state) = try initState()
        do {
            let map = try HAMT(loading: state.addressMap, store: store, parameters: hamtParameters)
            guard let raw = try map.get(address.bytes) else { return nil }
            let id = try UInt64(cborBytes: raw)
            guard id <= Address.maxID else { throw ActorError.fatal("init address map holds ID \(id) beyond 2^63-1") }
            return id
        } catch let error as ActorError {
            throw error
        } catch {
            throw .fatal("init address map: \(error)")
        }
    }

    /// Maps `address` to a fresh ID in the init actor (Lotus `RegisterNewAddress`).
    public func registerNewAddress(_ address: Address) throws(ActorError) -> UInt64 {
        var (actor, state) = try initState()
        let id = state.nextID
        guard id <= Address.maxID else { throw .fatal("init actor's next ID \(id) is beyond 2^63-1") }
        do {
            var map = try HAMT(loading: state.addressMap, store: store, parameters: hamtParameters)
            try map.set(address.bytes, id.cborBytes)
            state.addressMap = try map.flush()
            state.nextID &+= 1
            actor.head = try store.putCBOR(state.cborBytes)
        } catch {
            throw .fatal("registering \(address): \(error)")
        }
        setActor(id: Self.initActorID, actor)
        return id
    }

    // MARK: Flush

    /// Writes every pending change (all layers must have been merged or reverted) and returns the root.
    public func flush() throws(ActorError) -> CID {
        while layers.count > 1 { clearSnapshot() }
        do {
            for (id, entry) in layers[0].sorted(by: { $0.key < $1.key }) {
                if let actor = entry {
                    try actors.set(StateTree.idAddress(id), actor.cborBytes)
                } else {
                    try actors.delete(StateTree.idAddress(id))
                }
            }
            layers[0] = [:]
            let root = try actors.flush()
            guard version > 0, let info else { return root }
            var writer = CBORWriter()
            writer.writeArrayHeader(3)
            writer.writeUnsigned(version)
            writer.writeCID(root)
            writer.writeCID(info)
            return try store.putCBOR(writer.bytes)
        } catch {
            throw .fatal("flushing the state tree: \(error)")
        }
    }
}
