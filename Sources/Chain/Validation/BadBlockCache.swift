import DagCBOR
import FilecoinTypes

/// The blocks known to be bad, with why (Lotus `BadBlockCache`): a block that failed validation
/// permanently, and every block found to descend from one, is refused without validating again.
///
/// Bounded like Lotus's (`BadBlockCacheSize`, 2^15): past capacity the least recently consulted
/// entry is forgotten (Lotus uses an ARC cache; recency alone is kept here).
public actor BadBlockCache {
    /// Lotus's `BadBlockCacheSize`.
    public static let defaultCapacity = 1 << 15

    public let capacity: Int
    private var entries: [CID: (reason: BadBlockReason, stamp: UInt64)] = [:]
    private var clock: UInt64 = 0

    public init(capacity: Int = BadBlockCache.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// Remembers `cid` as bad for `reason` (replacing an earlier reason).
    public func add(_ cid: CID, _ reason: BadBlockReason) {
        clock += 1
        entries[cid] = (reason, clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.stamp < $1.value.stamp })?.key {
            entries[oldest] = nil
        }
    }

    /// Why `cid` is bad, or nil if it is not known bad.
    public func reason(for cid: CID) -> BadBlockReason? {
        guard let entry = entries[cid] else { return nil }
        clock += 1
        entries[cid] = (entry.reason, clock)
        return entry.reason
    }

    /// If one of `parents` is bad, marks `cid` bad as linked to it and returns that parent and its
    /// reason (Lotus's check of an incoming tipset's parents).
    public func markIfLinkedToBad(_ cid: CID, parents: [CID]) -> (parent: CID, reason: BadBlockReason)? {
        for parent in parents {
            guard let reason = reason(for: parent) else { continue }
            add(cid, reason.linked("linked to \(parent)"))
            return (parent, reason)
        }
        return nil
    }

    /// Forgets `cid` (Lotus `SyncUnmarkBad`).
    public func remove(_ cid: CID) {
        entries[cid] = nil
    }

    /// Forgets every block (Lotus `SyncUnmarkAllBad`).
    public func purge() {
        entries.removeAll()
    }

    /// How many blocks are remembered.
    public var count: Int { entries.count }
}
