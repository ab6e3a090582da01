import Foundation

/// Go's `[]byte` in JSON: base64 text, with `null` for a nil slice. A nil slice and an empty
/// one are the same here; both encode as `null`, as Go writes a nil slice.
enum GatewayBytes {
    static func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Data {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return Data() }
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not base64")
        }
        return data
    }

    static func encode<K: CodingKey>(_ data: Data, _ container: inout KeyedEncodingContainer<K>, _ key: K) throws {
        if data.isEmpty {
            try container.encodeNil(forKey: key)
        } else {
            try container.encode(data.base64EncodedString(), forKey: key)
        }
    }
}
