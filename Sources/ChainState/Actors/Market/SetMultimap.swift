import DagCBOR

/// specs-actors' market `SetMultimap`: a HAMT of epoch (uvarint key) to the CID of a HAMT set
/// of deal IDs (uvarint keys, CBOR null values). The market's deal-ops-by-epoch queue.
final class SetMultimap {
    let map: ActorHAMT
    let store: any ActorStore
    let sortsOnCollapse: Bool

    init(loading root: CID, store: any ActorStore, sortsOnCollapse: Bool) throws(ActorError) {
        map = try ActorHAMT(loading: root, store: store, sortsOnCollapse: sortsOnCollapse)
        self.store = store
        self.sortsOnCollapse = sortsOnCollapse
    }

    func flush() throws(ActorError) -> CID { try map.flush() }

    /// abi.UIntKey: the unsigned varint of the value (an epoch is taken as its uint64 bits).
    static func key(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        Varint.encode(value, into: &bytes)
        return bytes
    }

    static let nullValue: [UInt8] = [0xf6]

    func put(_ epoch: Int64, _ dealID: UInt64) throws(ActorError) {
        try putMany(epoch, [dealID])
    }

    /// Adds `dealIDs` to the set under `epoch`: the set is loaded (or made), extended, flushed
    /// and its new root stored under the epoch.
    func putMany(_ epoch: Int64, _ dealIDs: [UInt64]) throws(ActorError) {
        let key = Self.key(UInt64(bitPattern: epoch))
        let set = try loadSet(key) ?? ActorHAMT(store: store, sortsOnCollapse: sortsOnCollapse)
        for id in dealIDs { try set.set(Self.key(id), Self.nullValue) }
        let root = try set.flush()
        var writer = CBORWriter()
        writer.writeCID(root)
        try map.set(key, writer.bytes)
    }

    /// Drops every value under `epoch` (nothing when absent).
    func removeAll(_ epoch: Int64) throws(ActorError) {
        try map.delete(Self.key(UInt64(bitPattern: epoch)))
    }

    /// Calls `body` with each deal ID under `epoch`, in the set's iteration order.
    func forEach(_ epoch: Int64, _ body: (UInt64) throws(ActorError) -> Void) throws(ActorError) {
        guard let set = try loadSet(Self.key(UInt64(bitPattern: epoch))) else { return }
        try set.forEach { (key, _) throws(ActorError) in
            var index = 0
            let id: UInt64
            do { id = try Varint.decode(key, from: &index) } catch {
                throw ActorError(.errIllegalState, "failed to parse deal key: \(error)")
            }
            try body(id)
        }
    }

    private func loadSet(_ key: [UInt8]) throws(ActorError) -> ActorHAMT? {
        guard let raw = try map.get(key) else { return nil }
        let root: CID
        do { root = try CID(cborBytes: raw) } catch { throw ActorError(.errIllegalState, "failed to load set key: \(error)") }
        return try ActorHAMT(loading: root, store: store, sortsOnCollapse: sortsOnCollapse)
    }
}
