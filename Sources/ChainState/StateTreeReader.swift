import DagCBOR
import FilecoinTypes
import IPLD

/// Read access to a state tree: actors by ID, and by any address through the init actor.
///
/// ``StateTree`` (the VM's, with its pending changes) and ``StateTreeView`` (a read-only tree
/// at a root) conform; address resolution and the init actor's state are read here, once, for
/// both. Conformers supply the actor lookup by ID and the store the actors' state lives in.
public protocol StateTreeReader {
    var store: any Blockstore { get }
    /// The state tree version (0...5): it decides the actor encoding and the HAMT generation.
    var version: UInt64 { get }
    /// The actor with this ID, or nil.
    func actor(id: UInt64) throws(StateTreeError) -> ActorState?
    /// Decoded HAMT nodes shared by this tree's lookups (nil: decode on every load).
    var hamtCache: HAMTNodeCache? { get }
}

extension StateTreeReader {
    public var hamtCache: HAMTNodeCache? { nil }

    /// The HAMT generation of the actors map and the init actor's address map.
    public var hamtParameters: HAMTParameters { StateRoot.hamtParameters(version: version) }

    /// The ID `address` stands for: its own ID, or the init actor's mapping; nil when unknown.
    public func lookupID(_ address: Address) throws(StateTreeError) -> UInt64? {
        if let id = address.idValue { return id }
        return try resolveThroughInitActor(address)
    }

    /// `address` (not an ID address) looked up in the init actor's address map.
    func resolveThroughInitActor(_ address: Address) throws(StateTreeError) -> UInt64? {
        let (_, state) = try initActor()
        let raw: [UInt8]?
        do {
            let map = try HAMT(loading: state.addressMap, store: store, parameters: hamtParameters, cache: hamtCache)
            raw = try map.get(address.bytes)
        } catch {
            throw .hamt(error)
        }
        guard let raw else { return nil }
        let id: UInt64
        do { id = try UInt64(cborBytes: raw) } catch {
            throw .malformedInitState("address map value of \(address) is not an actor ID: \(error)")
        }
        guard id <= Address.maxID else { throw .malformedInitState("address map holds ID \(id) beyond 2^63-1") }
        return id
    }

    /// The actor at `address` (an ID address directly, any other through the init actor), or nil.
    public func actor(at address: Address) throws(StateTreeError) -> ActorState? {
        guard let id = try lookupID(address) else { return nil }
        return try actor(id: id)
    }

    /// The init actor's state.
    public func initState() throws(StateTreeError) -> InitActorState { try initActor().state }

    /// The network name recorded by the init actor at genesis ("testnetnet" on mainnet).
    public func networkName() throws(StateTreeError) -> String { try initState().networkName }

    /// The init actor and its decoded state.
    func initActor() throws(StateTreeError) -> (actor: ActorState, state: InitActorState) {
        let id = BuiltinAddress.initActorID
        guard let actor = try actor(id: id) else { throw .missingActor(id: id) }
        let bytes: [UInt8]
        do { bytes = try store.getRequired(actor.head) } catch { throw .store(error) }
        do { return (actor, try InitActorState(cborBytes: bytes)) } catch { throw .malformedInitState("\(error)") }
    }

    /// Decodes the actors HAMT value stored for actor `id`.
    func decodeActor(_ bytes: [UInt8], id: UInt64) throws(StateTreeError) -> ActorState {
        do { return try ActorState(cborBytes: bytes, version: version) } catch {
            throw .malformedActor(id: id, "\(error)")
        }
    }
}
