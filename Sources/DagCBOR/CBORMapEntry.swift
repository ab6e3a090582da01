/// One key/value pair of a ``CBORValue`` map.
///
/// Keys compare by their UTF-8 bytes (not Swift's Unicode canonical equivalence), because
/// DAG-CBOR treats differently normalised keys as different keys.
public struct CBORMapEntry: Hashable, Sendable {
    public var key: String
    public var value: CBORValue

    public init(key: String, value: CBORValue) {
        self.key = key
        self.value = value
    }

    public static func == (lhs: CBORMapEntry, rhs: CBORMapEntry) -> Bool {
        lhs.key.utf8.elementsEqual(rhs.key.utf8) && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key.utf8.count)
        for byte in key.utf8 { hasher.combine(byte) }
        hasher.combine(value)
    }
}
