import DagCBOR

/// specs-actors' `adt.Multimap`: a HAMT whose values are the roots of AMTs, so each key holds a
/// list that grows by appending.
///
/// Invariant: every HAMT value is a CBOR CID of an AMT in `store`. Changes are only durable
/// after ``flush()``.
public final class ActorMultimap {
    public let store: any ActorStore
    private let map: ActorHAMT

    /// An empty multimap; `sortsOnCollapse` as for ``ActorHAMT`` (v2 and later).
    public init(store: any ActorStore, sortsOnCollapse: Bool) {
        self.store = store
        self.map = ActorHAMT(store: store, sortsOnCollapse: sortsOnCollapse)
    }

    public init(loading root: CID, store: any ActorStore, sortsOnCollapse: Bool) throws(ActorError) {
        self.store = store
        self.map = try ActorHAMT(loading: root, store: store, sortsOnCollapse: sortsOnCollapse)
    }

    /// The list under `key`, or nil.
    public func get(_ key: [UInt8]) throws(ActorError) -> ActorAMT? {
        guard let raw = try map.get(key) else { return nil }
        return try ActorAMT(loading: Self.cid(raw), store: store)
    }

    /// Appends `value` (CBOR bytes) to the list under `key` (`Multimap.Add`).
    public func add(_ key: [UInt8], _ value: [UInt8]) throws(ActorError) {
        let array = try get(key) ?? ActorAMT(store: store)
        try array.set(array.count, value)
        let root = try array.flush()
        try map.set(key, root.cborBytes)
    }

    /// Removes the list under `key` (`Multimap.RemoveAll`); false when there was none.
    @discardableResult
    public func removeAll(_ key: [UInt8]) throws(ActorError) -> Bool {
        try map.delete(key)
    }

    /// Each value under `key`, in index order (`Multimap.ForEach`); nothing when absent.
    public func forEach(_ key: [UInt8], _ body: (UInt64, [UInt8]) throws(ActorError) -> Void) throws(ActorError) {
        guard let array = try get(key) else { return }
        try array.forEach(body)
    }

    /// Each key and its list, in HAMT order (`Multimap.ForAll`).
    public func forAll(_ body: ([UInt8], ActorAMT) throws(ActorError) -> Void) throws(ActorError) {
        var entries: [([UInt8], CID)] = []
        try map.forEach { (key: [UInt8], raw: [UInt8]) throws(ActorError) in
            entries.append((key, try Self.cid(raw)))
        }
        for (key, root) in entries {
            try body(key, try ActorAMT(loading: root, store: store))
        }
    }

    public func flush() throws(ActorError) -> CID { try map.flush() }

    private static func cid(_ raw: [UInt8]) throws(ActorError) -> CID {
        do { return try CID(cborBytes: raw) } catch { throw ActorError(.errIllegalState, "multimap value is not a CID: \(error)") }
    }
}
