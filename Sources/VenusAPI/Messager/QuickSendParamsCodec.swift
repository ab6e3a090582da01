/// How `QuickSendParams.params` is written (venus-shared `messager.QuickSendParamsCodec`):
/// `"json"` (the method's parameters as JSON, encoded to CBOR by the service) or `"hex"` (CBOR
/// in hex). Open, as in Go: sophon-messager's CLI sends `""` when no params are given, and the
/// service, not the decoder, rejects it.
public struct QuickSendParamsCodec: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let json = QuickSendParamsCodec(rawValue: "json")
    public static let hex = QuickSendParamsCodec(rawValue: "hex")

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
