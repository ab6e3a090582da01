/// A least-recently-used map of at most `capacity` entries: the tipset cache and the state
/// manager's execution cache. Not thread-safe; its owner (an actor) serialises access.
///
/// Recency is a counter stamped on each read or write; eviction drops the entry with the oldest
/// stamp. That scan is O(n) but runs only when the cache is full, once per insertion, which for
/// the few thousand entries these caches hold costs less than keeping a linked list in step.
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
        if entries[key] == nil, entries.count >= capacity,
            let oldest = entries.min(by: { $0.value.stamp < $1.value.stamp })?.key
        {
            entries.removeValue(forKey: oldest)
        }
        entries[key] = (value, clock)
    }

    mutating func removeAll() { entries.removeAll() }
}
