/// What to do with a block received over gossip (libp2p pubsub's validation result), with Lotus's
/// reason strings: pass it on, drop it quietly, or drop it and penalize the peer.
public enum GossipVerdict: Hashable, Sendable {
    /// Valid enough to propagate; full validation comes at sync.
    case accept(BlockMsg)
    /// Cannot be judged now (we are not synced, or a chain fact is unreadable): dropped, peer kept.
    case ignore(reason: String)
    /// Invalid: dropped, and the peer that sent it penalized.
    case reject(reason: String)
}
