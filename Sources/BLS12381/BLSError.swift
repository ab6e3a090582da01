/// Why a BLS key, signature or point encoding was refused.
public enum BLSError: Error, Equatable, Sendable {
    /// The encoding has the wrong number of bytes.
    case invalidLength(expected: Int, actual: Int)
    /// The compression flag (most significant bit) is clear; only compressed points are accepted.
    case notCompressed
    /// The infinity flag is set but the sort flag or some coordinate bit is not zero.
    case invalidInfinityEncoding
    /// A coordinate is not below the field modulus p.
    case coordinateNotCanonical
    /// No point on the curve has this x coordinate.
    case notOnCurve
    /// The point is on the curve but not in the prime-order subgroup.
    case notInSubgroup
    /// A public key is the identity point, which would verify anything it is aggregated with.
    case publicKeyIsInfinity
    /// A private key is zero or not below the group order r.
    case invalidPrivateKey
    /// Aggregation was asked for no signatures.
    case emptyAggregate
}
