/// A BLS public key: a point of G1 other than the identity, 48 bytes compressed.
///
/// Invariant: `point` is on the curve, in G1, not the identity, and `bytes` is its canonical
/// encoding. Equality and hashing are over `bytes`.
public struct BLSPublicKey: Hashable, Sendable {
    let point: G1Point
    /// The 48-byte ZCash compressed encoding.
    public let bytes: [UInt8]

    /// The number of bytes in an encoded public key.
    public static let byteCount = 48

    /// Parses a compressed G1 point and validates it as a key.
    /// - Throws: a `BLSError` naming the first problem found (length, flags, x not below p, not on
    ///   the curve, not in G1, or the identity).
    public init(bytes: some Collection<UInt8>) throws {
        let point = try PointEncoding.decodeG1(bytes)
        guard !point.isIdentity else { throw BLSError.publicKeyIsInfinity }
        self.point = point
        self.bytes = Array(bytes)
    }

    init(validatedPoint: G1Point) {
        point = validatedPoint.normalized
        bytes = PointEncoding.encodeG1(point)
    }

    public static func == (a: BLSPublicKey, b: BLSPublicKey) -> Bool { a.bytes == b.bytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
