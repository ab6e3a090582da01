import CSecp256k1

/// A secp256k1 public key (a valid curve point), kept in the 65-byte uncompressed form
/// 0x04 || x || y that Filecoin hashes into f1 addresses. Equality and hashing use that form,
/// so a key parsed from its compressed form equals the same key parsed uncompressed.
public struct Secp256k1PublicKey: Hashable, Sendable {
    /// 0x04 || x || y (65 bytes).
    public let uncompressed: [UInt8]

    /// 0x02 or 0x03 (by the parity of y) || x (33 bytes).
    public var compressed: [UInt8] {
        [0x02 | (uncompressed[64] & 1)] + uncompressed[1...32]
    }

    /// Parses a 33-byte compressed (0x02/0x03) or 65-byte uncompressed (0x04) point.
    /// The "hybrid" 0x06/0x07 form libsecp256k1 also accepts is refused: Filecoin never uses it.
    /// - Throws: `CryptoError.invalidPublicKey` for any other length, prefix, or a point off the curve.
    public init(bytes: some Collection<UInt8>) throws(CryptoError) {
        let input = Array(bytes)
        switch (input.count, input.first) {
        case (33, 0x02), (33, 0x03), (65, 0x04): break
        default: throw .invalidPublicKey
        }
        var point = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(Secp256k1Context.shared.pointer, &point, input, input.count) == 1 else {
            throw .invalidPublicKey
        }
        self.init(point: point)
    }

    init(point: secp256k1_pubkey) {
        var point = point
        var output = [UInt8](repeating: 0, count: 65)
        var length = 65
        _ = secp256k1_ec_pubkey_serialize(
            Secp256k1Context.shared.pointer, &output, &length, &point, UInt32(SECP256K1_EC_UNCOMPRESSED))
        uncompressed = output
    }

    /// Recovers the signer's key from a 65-byte r || s || v signature over BLAKE2b-256(`data`),
    /// as Lotus does (`crypto.EcRecover`).
    public static func recover(signature: some Collection<UInt8>, data: some Collection<UInt8>) throws(CryptoError)
        -> Secp256k1PublicKey
    {
        try recover(signature: signature, digest: Blake2b.hash256(data))
    }

    /// Recovers the signer's key from a signature over a 32-byte digest.
    ///
    /// Like Lotus (go-crypto over libsecp256k1), any recovery id 0...3 is accepted and a high-s
    /// signature recovers too; only signing is low-s.
    public static func recover(signature: some Collection<UInt8>, digest: some Collection<UInt8>) throws(CryptoError)
        -> Secp256k1PublicKey
    {
        let signatureBytes = Array(signature)
        let digestBytes = Array(digest)
        guard signatureBytes.count == 65 else { throw .invalidSignatureLength(signatureBytes.count) }
        guard digestBytes.count == 32 else { throw .invalidDigestLength(digestBytes.count) }
        let recoveryID = signatureBytes[64]
        guard recoveryID <= 3 else { throw .invalidRecoveryID(recoveryID) }
        let context = Secp256k1Context.shared.pointer
        var parsed = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(context, &parsed, signatureBytes, Int32(recoveryID)) == 1
        else { throw .invalidSignature }
        var point = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(context, &point, &parsed, digestBytes) == 1 else { throw .recoveryFailed }
        return Secp256k1PublicKey(point: point)
    }

    /// Whether `signature` is this key's signature over BLAKE2b-256(`data`).
    ///
    /// Lotus's rule: recover the key from the signature and compare. (That accepts exactly the
    /// signatures whose recovered key is this one, high-s included, which plain ECDSA verification
    /// in libsecp256k1 would reject.) Malformed signatures are simply `false`.
    public func verify(signature: some Collection<UInt8>, data: some Collection<UInt8>) -> Bool {
        verify(signature: signature, digest: Blake2b.hash256(data))
    }

    /// Whether `signature` is this key's signature over a 32-byte digest (recover and compare).
    public func verify(signature: some Collection<UInt8>, digest: some Collection<UInt8>) -> Bool {
        guard let recovered = try? Self.recover(signature: signature, digest: digest) else { return false }
        return recovered == self
    }
}
