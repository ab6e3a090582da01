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
        guard !signatures.isEmpty else { throw BLSError.emptyAggregate }
        // Stored points are affine (Z = 1), so mixed Jacobian additions apply; the sum is public.
        var sum = JacobianPoint<Fp2>.identity
        for s in signatures {
            guard let (x, y) = s.point.publicAffine else { continue }
            sum = sum.adding(affineX: x, y)
        }
        return BLSSignature(point: sum.projective)
    }

    public static func == (a: BLSSignature, b: BLSSignature) -> Bool { a.bytes == b.bytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
