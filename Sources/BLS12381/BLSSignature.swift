/// A BLS signature: a point of G2, 96 bytes compressed.
///
/// Invariant: `point` is in G2 (the identity is allowed as a value; it verifies nothing) and
/// `bytes` is its canonical encoding. Equality and hashing are over `bytes`.
public struct BLSSignature: Hashable, Sendable {
    let point: G2Point
    /// The 96-byte ZCash compressed encoding.
    public let bytes: [UInt8]

    /// The number of bytes in an encoded signature.
    public static let byteCount = 96

    /// Parses a compressed G2 point.
    /// - Throws: a `BLSError` naming the first problem found (length, flags, a coordinate not
    ///   below p, not on the curve, not in G2).
    public init(bytes: some Collection<UInt8>) throws {
        point = try PointEncoding.decodeG2(bytes)
        self.bytes = Array(bytes)
    }

    init(point: G2Point) {
        self.point = point.normalized
        bytes = PointEncoding.encodeG2(self.point)
    }

    /// The sum of the signatures (the aggregate for distinct messages).
    /// - Throws: `BLSError.emptyAggregate` for an empty list.
    public static func aggregate(_ signatures: [BLSSignature]) throws -> BLSSignature {
        guard let first = signatures.first else { throw BLSError.emptyAggregate }
        var sum = first.point
        for s in signatures.dropFirst() { sum = sum + s.point }
        return BLSSignature(point: sum)
    }

    public static func == (a: BLSSignature, b: BLSSignature) -> Bool { a.bytes == b.bytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
