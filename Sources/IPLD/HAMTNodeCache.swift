import DagCBOR
import Synchronization

/// Decoded HAMT nodes by CID, shared by every HAMT given it (state tree lookups walk the same
/// upper nodes again and again). Nodes are immutable once stored, so a cached decode is always
/// valid; entries are keyed by CID and parameters because decoding depends on both.
///
/// Bounded: at `capacity` an arbitrary entry is evicted per insert, which keeps the cost O(1)
/// and, with uniformly random lookups, keeps most of the (few, hot) upper nodes resident.
public final class HAMTNodeCache: Sendable {
    private struct Key: Hashable {
        var cid: CID
        var parameters: HAMTParameters
    }

    private let nodes = Mutex<[Key: HAMTNode]>([:])
    public let capacity: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(1, capacity)
    }

    public var count: Int { nodes.withLock { $0.count } }

    func node(_ cid: CID, _ parameters: HAMTParameters) -> HAMTNode? {
        nodes.withLock { $0[Key(cid: cid, parameters: parameters)] }
    }

    func insert(_ node: HAMTNode, _ cid: CID, _ parameters: HAMTParameters) {
        nodes.withLock { nodes in
            if nodes.count >= capacity, let victim = nodes.keys.first { nodes.removeValue(forKey: victim) }
            nodes[Key(cid: cid, parameters: parameters)] = node
        }
    }
}
