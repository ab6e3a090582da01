import DagCBOR
import IPLD

/// A read-only state tree at one root: what queries read (snapshot summaries, `venus snapshot
/// inspect`, the `State*` API).
///
/// A value: it has no operation that writes, and it keeps reading the tree at ``root`` whatever
/// a ``StateTree`` over the same store flushes later. Sendable, so one view can serve
/// concurrent queries. Both encodings are read: a bare actors HAMT (version 0) and
/// `StateRoot{Version, Actors, Info}` (versions 1...5).
public struct StateTreeView: StateTreeReader, Sendable {
    public let store: any Blockstore
    public let root: CID
    public let stateRoot: StateRoot
    private let actors: HAMT

    public init(root: CID, store: any Blockstore) throws(StateTreeError) {
        self.store = store
        self.root = root
        stateRoot = try StateRoot(loading: root, from: store)
        do {
            actors = try HAMT(
                loading: stateRoot.actors, store: store, parameters: StateRoot.hamtParameters(version: stateRoot.version))
        } catch {
            throw .hamt(error)
        }
    }

    public var version: UInt64 { stateRoot.version }

    public func actor(id: UInt64) throws(StateTreeError) -> ActorState? {
        let raw: [UInt8]?
        do { raw = try actors.get(StateRoot.actorKey(id: id)) } catch { throw .hamt(error) }
        guard let raw else { return nil }
        return try decodeActor(raw, id: id)
    }

    /// Calls `body` with every actor, in the HAMT's order.
    /// HAMT failures surface as ``StateTreeError/hamt(_:)``; errors from `body` pass through.
    public func forEachActor(_ body: (_ id: UInt64, _ actor: ActorState) throws -> Void) throws {
        do {
            try actors.forEach { key, value in
                guard let id = StateRoot.id(fromActorKey: key) else { throw StateTreeError.malformedActorKey(key) }
                try body(id, decodeActor(value, id: id))
            }
        } catch let error as HAMTError {
            throw StateTreeError.hamt(error)
        }
    }

    /// Loads every stored node of the actors HAMT and checks it re-encodes to its own CID;
    /// returns how many blocks were checked (the nodes and the root block).
    public func verifyActorsHAMT() throws(StateTreeError) -> Int {
        do { return try actors.verifyStoredNodes() + 1 } catch { throw .hamt(error) }
    }
}
