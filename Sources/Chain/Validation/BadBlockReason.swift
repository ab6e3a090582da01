import DagCBOR
import FilecoinTypes

/// Why a block is remembered as bad (Lotus `BadBlockReason`): the reason, the tipset it was found
/// in, and for a block refused because of an ancestor, the ancestor's original reason.
public struct BadBlockReason: Hashable, Sendable, CustomStringConvertible {
    /// The first refusal in a chain of linked ones.
    public struct Origin: Hashable, Sendable {
        public var tipSet: [CID]
        public var reason: String

        public init(tipSet: [CID], reason: String) {
            self.tipSet = tipSet
            self.reason = reason
        }
    }

    public var tipSet: [CID]
    public var reason: String
    /// Set when this block is bad because it descends from (or links to) a bad one.
    public var origin: Origin?

    public init(tipSet: [CID], reason: String, origin: Origin? = nil) {
        self.tipSet = tipSet
        self.reason = reason
        self.origin = origin
    }

    /// The reason a block linked to this one is bad: `reason`, keeping the first refusal as its
    /// origin (Lotus `Linked`).
    public func linked(_ reason: String) -> BadBlockReason {
        BadBlockReason(tipSet: [], reason: reason, origin: origin ?? Origin(tipSet: tipSet, reason: self.reason))
    }

    public var description: String {
        guard let origin else { return reason }
        return "\(reason) caused by: [\(origin.tipSet.map(\.description).joined(separator: " "))] \(origin.reason)"
    }
}
