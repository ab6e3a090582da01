/// The ZCash compressed encodings: 48 bytes for G1, 96 bytes for G2 (x.c1 then x.c0).
///
/// The three top bits of the first byte are flags: compression (must be 1), infinity, and sort
/// (y is the lexicographically larger root). The identity is exactly 0xc0 followed by zeros.
/// Decoding checks every flag, that coordinates are below p, that the point is on the curve and
/// that it is in the prime-order subgroup; encoding and decoding are inverse on valid points.
enum PointEncoding {
    static let compressionFlag: UInt8 = 0x80
    static let infinityFlag: UInt8 = 0x40
    static let sortFlag: UInt8 = 0x20

    /// Checks the flags; returns the point-at-infinity verdict (true = identity) or throws.
    private static func readFlags(_ bytes: [UInt8]) throws -> (infinity: Bool, sort: Bool) {
        let first = bytes[0]
        guard first & compressionFlag != 0 else { throw BLSError.notCompressed }
        if first & infinityFlag != 0 {
            guard first & (sortFlag | 0x1F) == 0, bytes.dropFirst().allSatisfy({ $0 == 0 }) else {
                throw BLSError.invalidInfinityEncoding
            }
            return (true, false)
        }
        return (false, first & sortFlag != 0)
    }

    static func decodeG1(_ input: some Collection<UInt8>) throws -> G1Point {
        var bytes = Array(input)
        guard bytes.count == 48 else { throw BLSError.invalidLength(expected: 48, actual: bytes.count) }
        let flags = try readFlags(bytes)
        if flags.infinity { return .identity }
        bytes[0] &= 0x1F
        let x = try bytes.withUnsafeBytes { raw in
            guard let x = Fp.fromBigEndian(raw, offset: 0) else { throw BLSError.coordinateNotCanonical }
            return x
        }
        guard var y = (x.squared * x + Fp.four).sqrt else { throw BLSError.notOnCurve }
        if y.isLexicographicallyLargest != flags.sort { y = -y }
        let point = G1Point(x: x, y: y, z: .one)
        guard point.isInG1 else { throw BLSError.notInSubgroup }
        return point
    }

    static func decodeG2(_ input: some Collection<UInt8>) throws -> G2Point {
        var bytes = Array(input)
        guard bytes.count == 96 else { throw BLSError.invalidLength(expected: 96, actual: bytes.count) }
        let flags = try readFlags(bytes)
        if flags.infinity { return .identity }
        bytes[0] &= 0x1F
        let x = try bytes.withUnsafeBytes { raw in
            guard let c1 = Fp.fromBigEndian(raw, offset: 0), let c0 = Fp.fromBigEndian(raw, offset: 48) else {
                throw BLSError.coordinateNotCanonical
            }
            return Fp2(c0, c1)
        }
        guard var y = (x.squared * x + Fp2.b2).sqrt else { throw BLSError.notOnCurve }
        if y.isLexicographicallyLargest != flags.sort { y = -y }
        let point = G2Point(x: x, y: y, z: .one)
        guard point.isInG2 else { throw BLSError.notInSubgroup }
        return point
    }

    static func encodeG1(_ point: G1Point) -> [UInt8] {
        guard let (x, y) = point.publicAffine else {
            return [compressionFlag | infinityFlag] + [UInt8](repeating: 0, count: 47)
        }
        var out = x.bigEndianBytes
        out[0] |= compressionFlag | (y.isLexicographicallyLargest ? sortFlag : 0)
        return out
    }

    static func encodeG2(_ point: G2Point) -> [UInt8] {
        guard let (x, y) = point.publicAffine else {
            return [compressionFlag | infinityFlag] + [UInt8](repeating: 0, count: 95)
        }
        var out = x.c1.bigEndianBytes + x.c0.bigEndianBytes
        out[0] |= compressionFlag | (y.isLexicographicallyLargest ? sortFlag : 0)
        return out
    }
}
