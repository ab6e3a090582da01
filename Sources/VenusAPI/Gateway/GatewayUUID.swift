import Foundation

/// venus-shared `types.UUID`: a UUID that travels as its lowercase hyphenated string, as Go's
/// `github.com/google/uuid` writes it (Foundation writes uppercase, which Go reads but never
/// writes). Decoding accepts either case.
public struct GatewayUUID: Hashable, Sendable, CustomStringConvertible, Codable {
    public let uuid: UUID

    public init(_ uuid: UUID = UUID()) { self.uuid = uuid }

    /// Parses `text`; nil when it is not a UUID.
    public init?(string text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    public var description: String { uuid.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid UUID \"\(text.prefix(64))\"")
        }
        self.uuid = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
