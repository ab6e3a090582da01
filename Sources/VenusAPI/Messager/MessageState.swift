/// Where a message stands in sophon-messager (venus-shared `messager.MessageState`), a bare
/// number on the wire:
///
///     UnFillMsg ──> FillMsg ──> OnChainMsg
///        │            ├──────> NonceConflictMsg
///        └──> FailedMsg <──┘
///
/// A struct over the number rather than an enum because Go's type is an open `int`: a value
/// upstream adds later, or one a client sends by mistake, still reads and writes back unchanged
/// (a service decides what to do with it).
public struct MessageState: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let unKnown = MessageState(rawValue: 0)
    /// Accepted, not yet given nonce, gas and signature.
    public static let unFillMsg = MessageState(rawValue: 1)
    /// Nonce, gas and signature assigned; pushed to the node's pool.
    public static let fillMsg = MessageState(rawValue: 2)
    /// Executed in a tipset (the receipt says whether it succeeded).
    public static let onChainMsg = MessageState(rawValue: 3)
    /// Filling failed (see the message's `errorMsg`); it may be retried.
    public static let failedMsg = MessageState(rawValue: 4)
    /// Another message with the same nonce landed on chain first.
    public static let nonceConflictMsg = MessageState(rawValue: 5)

    /// The states upstream names, in number order.
    public static let allKnown: [MessageState] = [.unKnown, .unFillMsg, .fillMsg, .onChainMsg, .failedMsg, .nonceConflictMsg]

    /// Upstream's `String()` (note `Failed` for `FailedMsg`, and `UnKnown` for any other number).
    public var description: String {
        switch self {
        case .unFillMsg: "UnFillMsg"
        case .fillMsg: "FillMsg"
        case .onChainMsg: "OnChainMsg"
        case .failedMsg: "Failed"
        case .nonceConflictMsg: "NonceConflictMsg"
        default: "UnKnown"
        }
    }
}
