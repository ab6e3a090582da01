/// A BLS12-381 private key in Filecoin's min-pk scheme: a scalar in [1, r).
///
/// Filecoin (the Rust `bls-signatures` crate, Lotus/Venus wallets) serialises it as 32 bytes,
/// LITTLE-endian; `blspy` and the IETF draft use big-endian. The bytes are held in a class that
/// zeroes them when the last copy of the key is released. Scalar multiplications with the key
/// run in constant time.
public struct BLSPrivateKey: Sendable {
    private let secret: SecretScalar

    /// The number of bytes in an encoded private key.
    public static let byteCount = 32

    /// A key from Filecoin's 32-byte little-endian encoding.
    /// - Throws: `BLSError.invalidLength`, or `.invalidPrivateKey` for zero or a value not below r.
    public init(bytes: some Collection<UInt8>) throws {
        let array = Array(bytes)
        guard array.count == Self.byteCount else {
            throw BLSError.invalidLength(expected: Self.byteCount, actual: array.count)
        }
        guard SecretScalar.isValid(array) else { throw BLSError.invalidPrivateKey }
        secret = SecretScalar(validatedLittleEndian: array)
    }

    /// A fresh key from the system's secure random number generator.
    public static func generate() -> BLSPrivateKey {
        var rng = SystemRandomNumberGenerator()
        return generate(using: &rng)
    }

    /// A key from `generator`, uniform over [1, r) by rejection sampling 255-bit candidates.
    public static func generate(using generator: inout some RandomNumberGenerator) -> BLSPrivateKey {
        while true {
            var candidate = [UInt8](repeating: 0, count: 32)
            for i in 0..<4 {
                let word = generator.next() as UInt64
                for k in 0..<8 { candidate[8 * i + k] = UInt8(truncatingIfNeeded: word >> UInt64(8 * k)) }
            }
            candidate[31] &= 0x7F
            if SecretScalar.isValid(candidate) {
                let key = BLSPrivateKey(validated: candidate)
                for i in candidate.indices { candidate[i] = 0 }
                return key
            }
        }
    }

    private init(validated: [UInt8]) {
        secret = SecretScalar(validatedLittleEndian: validated)
    }

    /// The 32-byte little-endian (Filecoin) encoding. The copy is the caller's to protect.
    public var bytes: [UInt8] { secret.bytes }

    /// The public key [sk]G1.
    public var publicKey: BLSPublicKey {
        BLSPublicKey(validatedPoint: g1Generator.multiplied(bySecret: secret.scalar))
    }

    /// The basic-scheme signature [sk]H(message) with Filecoin's DST.
    public func sign(_ message: some Collection<UInt8>) -> BLSSignature {
        let h = HashToG2.hash(message, dst: BLS.filecoinDST)
        return BLSSignature(point: h.multipliedInG2(bySecret: secret.scalar))
    }
}
