import Foundation

/// Go's `[]byte` as `encoding/json` carries it: padded standard base64 text, `null` for a nil
/// slice. A nil slice and an empty one differ on the wire (`null` and `""`); both decode, to
/// nil and to empty bytes.
///
/// Swift's `[UInt8]` has no nil, so each field says which Go writes when it has no bytes:
/// `GoBytes(bytes)` writes `""` for empty bytes (a slice Go always allocates, such as a
/// signature), `GoBytes(nilIfEmpty:)` writes `null` (a slice Go leaves nil when there is
/// nothing, such as message params decoded from CBOR).
public struct GoBytes: Codable, Hashable, Sendable {
    /// nil is Go's nil slice.
    public var bytes: [UInt8]?

    /// Go's nil slice: `null`.
    public static let null = GoBytes(optional: nil)

    public init(optional bytes: [UInt8]?) { self.bytes = bytes }

    /// Non-nil bytes: base64, `""` when empty.
    public init(_ bytes: some Sequence<UInt8>) { self.bytes = Array(bytes) }

    /// nil (`null` on the wire) when `bytes` is empty.
    public init(nilIfEmpty bytes: some Collection<UInt8>) { self.bytes = bytes.isEmpty ? nil : Array(bytes) }

    /// The bytes, with nil read as empty.
    public var orEmpty: [UInt8] { bytes ?? [] }

    /// Standard padded base64 as Go's `base64.StdEncoding` reads it, which skips `\r` and `\n`.
    /// - Returns: nil unless `text` is such base64.
    public static func decodeBase64(_ text: String) -> [UInt8]? {
        var clean = text
        if clean.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            clean.removeAll { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        }
        return Data(base64Encoded: clean).map { Array($0) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            bytes = nil
            return
        }
        let text = try container.decode(String.self)
        guard let decoded = Self.decodeBase64(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not padded standard base64: \"\(text.prefix(64))\"")
        }
        bytes = decoded
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let bytes {
            try container.encode(Data(bytes).base64EncodedString())
        } else {
            try container.encodeNil()
        }
    }
}
