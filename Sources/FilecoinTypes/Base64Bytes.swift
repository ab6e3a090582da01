import Foundation

/// Bytes as Lotus JSON writes them: a standard base64 string, or `null` for none.
///
/// Go's `encoding/json` writes `[]byte` as padded standard base64 and `nil` as `null`; both
/// decode to bytes here (null to empty), so that `Params: null` and `Params: ""` read the same.
public struct Base64Bytes: Codable, Hashable, Sendable {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            bytes = []
            return
        }
        let text = try container.decode(String.self)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not standard base64: \"\(text.prefix(64))\"")
        }
        bytes = Array(data)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(bytes).base64EncodedString())
    }
}
