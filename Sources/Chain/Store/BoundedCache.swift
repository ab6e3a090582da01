/// A least-recently-used map of at most `capacity` entries: the tipset cache and the state
/// manager's execution cache. Not thread-safe; its owner (an actor) serialises access.
///
/// Recency is a counter stamped on each read or write. When the cache is full, an insertion
/// evicts the least recently used eighth at once (one sort of the stamps), so eviction costs
/// O(log n) per insertion amortised instead of a scan per insertion.
struct BoundedCache<Key: Hashable, Value> {
    let capacity: Int
    private var entries: [Key: (value: Value, stamp: UInt64)] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var count: Int { entries.count }

    mutating func value(for key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock &+= 1
        entries[key] = (entry.value, clock)
        return entry.value
    }

    mutating func insert(_ value: Value, for key: Key) {
        clock &+= 1
        if entries[key] == nil, entries.count >= capacity {
            let evicted = entries.sorted { $0.value.stamp < $1.value.stamp }.prefix(max(1, capacity / 8))
            for entry in evicted { entries.removeValue(forKey: entry.key) }
        }
        entries[key] = (value, clock)
    }

    mutating func removeAll() { entries.removeAll() }
}
