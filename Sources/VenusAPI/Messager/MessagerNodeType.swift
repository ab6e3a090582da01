/// The kind of chain node sophon-messager talks to (venus-shared `messager.NodeType`), a bare
/// number. 0 is unnamed upstream yet common: sophon-messager's own `node add` leaves the type
/// unset. Open like `MessageState`.
public struct MessagerNodeType: RawRepresentable, Hashable, Sendable, Codable {
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let unset = MessagerNodeType(rawValue: 0)
    public static let fullNode = MessagerNodeType(rawValue: 1)
    public static let lightNode = MessagerNodeType(rawValue: 2)
}
