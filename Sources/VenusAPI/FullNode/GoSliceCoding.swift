// Go slices in encoding/json: a nil slice is `null`, an empty one `[]`. Fields that Go leaves nil
// when empty (everything cbor-gen decodes from an empty CBOR array, slices built by `append`)
// are written `null` when empty; reading accepts `null`, an absent member and `[]` alike.

extension KeyedDecodingContainer {
    /// The array at `key`; `null` or an absent member read as empty.
    func decodeGoSlice<T: Decodable>(_ type: [T].Type, forKey key: Key) throws -> [T] {
        try decodeIfPresent(type, forKey: key) ?? []
    }
}

extension KeyedEncodingContainer {
    /// Writes `values`, or `null` when empty (Go's nil slice).
    mutating func encodeGoSlice<T: Encodable>(_ values: [T], forKey key: Key) throws {
        if values.isEmpty {
            try encodeNil(forKey: key)
        } else {
            try encode(values, forKey: key)
        }
    }
}
