import DagCBOR
import FilecoinTypes
import IPLD

/// Builds a state tree from nothing: a devnet genesis, or a test or benchmark fixture.
///
/// Actors are set by ID; ``register(_:)`` gives a robust address the next free ID in the init
/// actor's address map, as the init actor would. ``build(initCode:)`` writes the init actor
/// (ID 1) with that map, then the actors HAMT and the root in the tree version's encoding.
/// Nothing here runs actor code: the caller supplies every other actor's state.
public struct StateTreeBuilder {
    public let store: any Blockstore
    /// 0 for specs-actors v0 (network versions 0–3), 1 for v2 (4–9).
    public let version: UInt64
    public let networkName: String
    /// The ID the next ``register(_:)`` assigns.
    public private(set) var nextID: UInt64
    private var actors: HAMT
    private var addressMap: HAMT

    /// `firstID` is where registered IDs start (genesis reserves the IDs below 100 for singletons).
    public init(version: UInt64, store: any Blockstore, networkName: String, firstID: UInt64 = 100) {
        self.store = store
        self.version = version
        self.networkName = networkName
        self.nextID = firstID
        let parameters = StateRoot.hamtParameters(version: version)
        actors = HAMT(store: store, parameters: parameters)
        addressMap = HAMT(store: store, parameters: parameters)
    }

    /// Stores an actor's state object and returns its CID (an actor's head).
    public func putState(_ bytes: [UInt8]) throws(StateTreeError) -> CID {
        do { return try store.putCBOR(bytes) } catch { throw .store(error) }
    }

    public mutating func setActor(id: UInt64, _ actor: ActorState) throws(StateTreeError) {
        do { try actors.set(StateRoot.actorKey(id: id), actor.cborBytes(version: version)) } catch { throw .hamt(error) }
    }

    /// Maps `address` to the next free ID and returns it.
    public mutating func register(_ address: Address) throws(StateTreeError) -> UInt64 {
        let id = nextID
        do { try addressMap.set(address.bytes, id.cborBytes) } catch { throw .hamt(error) }
        nextID += 1
        return id
    }

    /// Writes the init actor and the tree; returns the state root.
    public mutating func build(initCode: CID) throws(StateTreeError) -> CID {
        let map: CID
        do { map = try addressMap.flush() } catch { throw .hamt(error) }
        let initState = InitActorState(addressMap: map, nextID: nextID, networkName: networkName)
        try setActor(id: BuiltinAddress.initActorID, ActorState(code: initCode, head: try putState(initState.cborBytes)))
        let actorsRoot: CID
        do { actorsRoot = try actors.flush() } catch { throw .hamt(error) }
        // Versions 1 and later point at an (empty) state info block.
        let info: CID? = version == 0 ? nil : try putState([0x80])
        do { return try StateRoot(version: version, actors: actorsRoot, info: info).store(in: store) } catch {
            throw .store(error)
        }
    }
}
