import FilecoinCrypto

/// Lotus's `DrawRandomness` (chain/rand): the one derivation every ticket, election proof, PoSt
/// challenge and actor randomness goes through.
public enum Randomness {
    /// blake2b-256(tag as int64 BE ‖ blake2b-256(base) ‖ round as int64 BE ‖ entropy), where
    /// `base` is a ticket's VRF proof or a beacon entry's data.
    public static func draw(base: [UInt8], tag: Int64, round: Int64, entropy: [UInt8]) -> [UInt8] {
        var input: [UInt8] = []
        input.reserveCapacity(48 + entropy.count)
        appendBigEndian(tag, to: &input)
        input += Blake2b.hash256(base)
        appendBigEndian(round, to: &input)
        input += entropy
        return Blake2b.hash256(input)
    }

    /// The same draw with a named tag.
    public static func draw(base: [UInt8], tag: DomainSeparationTag, round: Int64, entropy: [UInt8]) -> [UInt8] {
        draw(base: base, tag: tag.rawValue, round: round, entropy: entropy)
    }

    private static func appendBigEndian(_ value: Int64, to bytes: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }
}
