/// The state of a sending address in sophon-messager (venus-shared `messager.AddressState`), a
/// bare number on the wire; 0 is unnamed upstream (Go's zero value). Open like `MessageState`.
public struct MessagerAddressState: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Messages from it are selected and sent.
    public static let alive = MessagerAddressState(rawValue: 1)
    /// Being deleted: no new messages are accepted.
    public static let removing = MessagerAddressState(rawValue: 2)
    public static let removed = MessagerAddressState(rawValue: 3)
    /// Kept, but refused as a sender (`ForbiddenAddress`; upstream spells it `AddressStateForbbiden`).
    public static let forbidden = MessagerAddressState(rawValue: 4)

    /// Upstream's `String()`, misspelling included.
    public var description: String {
        switch self {
        case .alive: "Alive"
        case .removing: "Removing"
        case .removed: "Removed"
        case .forbidden: "Forbbiden"
        default: "unknown state \(rawValue)"
        }
    }
}
