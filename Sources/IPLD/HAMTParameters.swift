/// How a HAMT is shaped and serialized. Filecoin uses bit width 5, buckets of 3 and sha2-256
/// key hashing everywhere; only the pointer encoding changed between network versions.
public struct HAMTParameters: Hashable, Sendable {
    /// Bits of the key hash consumed per level: each node has up to `1 << bitWidth` slots.
    public let bitWidth: Int
    /// Most entries one slot holds before it becomes a child node.
    public let bucketSize: Int
    public let encoding: HAMTEncoding

    /// Bit widths of 1...8 keep a node's bitfield within 256 bits.
    public init(bitWidth: Int = 5, bucketSize: Int = 3, encoding: HAMTEncoding) throws(HAMTError) {
        guard (1...8).contains(bitWidth) else { throw .invalidParameters("bit width \(bitWidth) is outside 1...8") }
        guard (1...32).contains(bucketSize) else { throw .invalidParameters("bucket size \(bucketSize) is outside 1...32") }
        self.bitWidth = bitWidth
        self.bucketSize = bucketSize
        self.encoding = encoding
    }

    private init(checkedBitWidth: Int, bucketSize: Int, encoding: HAMTEncoding) {
        self.bitWidth = checkedBitWidth
        self.bucketSize = bucketSize
        self.encoding = encoding
    }

    /// builtin-actors / specs-actors v3+ (go-hamt-ipld v3): state tree versions 2 and later.
    public static let filecoin = HAMTParameters(checkedBitWidth: 5, bucketSize: 3, encoding: .v3)
    /// specs-actors v2 (go-hamt-ipld v2): state tree version 1.
    public static let filecoinV2 = HAMTParameters(checkedBitWidth: 5, bucketSize: 3, encoding: .v2)
    /// specs-actors v0 (go-hamt-ipld v0.1): state tree version 0, both genesis states.
    public static let filecoinV0 = HAMTParameters(checkedBitWidth: 5, bucketSize: 3, encoding: .v0)
}

/// The go-hamt-ipld generation a HAMT follows: how a pointer (one occupied slot) is written,
/// and how a child is folded back into a bucket on delete.
public enum HAMTEncoding: Hashable, Sendable {
    /// go-hamt-ipld v0.1: a pointer is a one-entry map, `{"0": CID}` for a child or
    /// `{"1": [[key, value]...]}` for a bucket. A child folded back into a bucket keeps its
    /// entries in slot order without re-sorting them, so such buckets need not be sorted.
    case v0
    /// go-hamt-ipld v2: v0's map pointers; folded buckets are sorted by key.
    case v2
    /// go-hamt-ipld v3: a kinded union, the CID itself or the bucket array itself; sorted buckets.
    case v3

    /// Whether pointers are written as one-entry maps.
    var usesMapPointers: Bool { self != .v3 }

    /// Whether every bucket is sorted by key (v0 buckets may not be, after a fold).
    var sortsBuckets: Bool { self != .v0 }
}
