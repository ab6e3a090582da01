import FilecoinTypes

/// An address parameter where go-address's undefined address (`address.Undef`, written
/// `"<empty>"`) is a meaningful value: sophon-messager reads it as "every address"
/// (`ListMessageByFromState`, `ListBlockedMessage`), and Go clients send it when no address is
/// given. `Address` itself refuses the undefined address, so it is `nil` here; `""` reads as
/// undefined too.
public struct AddressOrUndef: Hashable, Sendable, Codable, CustomStringConvertible {
    public var address: Address?

    public init(_ address: Address?) { self.address = address }

    /// go-address's `Undef`.
    public static let undef = AddressOrUndef(nil)

    /// How go-address writes `Undef`.
    public static let undefText = "<empty>"

    public var description: String { address?.description ?? Self.undefText }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        address = text.isEmpty || text == Self.undefText ? nil : try container.decode(Address.self)
    }

    public func encode(to encoder: any Encoder) throws {
        if let address {
            try address.encode(to: encoder)
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(Self.undefText)
        }
    }
}
