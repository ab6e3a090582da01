/// A run of one sender's messages, consecutive by nonce, selected or dropped together (Lotus
/// `msgChain`). Chains live in one array and link to each other by index.
///
/// Invariant after construction: along one sender's chains, each has a higher gas performance
/// than the next (otherwise they would have been merged, raising the first one's).
struct MessageChain {
    /// Which sender's messages (index into the selector's per-sender arrays).
    let sender: Int
    /// The chain's messages: `lower..<upper` of the sender's accepted messages.
    let lower: Int
    var upper: Int
    var gasReward: Int128
    var gasLimit: Int64
    var gasPerf: Double
    var effPerf: Double = 0
    /// The probability of the block partition the chain fell into.
    var bp: Double = 0
    var parentOffset: Double = 0
    var valid = true
    var merged = false
    var next: Int? = nil
    var prev: Int? = nil
    let isBLS: Bool

    var count: Int { upper - lower }
}
