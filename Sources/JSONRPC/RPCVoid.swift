/// The result of a method that returns only an error in Go: encoded as JSON `null`, and any
/// result value is accepted when decoding (Lotus sends `null`).
public struct RPCVoid: Codable, Sendable, Hashable {
    public init() {}
    public init(from decoder: any Decoder) throws { _ = decoder }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encodeNil()
    }
}
