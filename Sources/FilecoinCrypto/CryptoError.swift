/// Errors thrown by FilecoinCrypto. Each case names the one thing that was wrong with the input.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A BLAKE2b output length outside 1...64.
    case invalidOutputLength(Int)
    /// A secp256k1 private key that is not 32 bytes, or is zero, or is not below the curve order.
    case invalidPrivateKey
    /// A digest that is not exactly 32 bytes.
    case invalidDigestLength(Int)
    /// A secp256k1 signature that is not 65 bytes (r || s || v).
    case invalidSignatureLength(Int)
    /// A recovery id (the 65th signature byte) above 3.
    case invalidRecoveryID(UInt8)
    /// r or s of the signature is not a valid scalar (zero or not below the curve order).
    case invalidSignature
    /// No public key can be recovered from the signature and digest.
    case recoveryFailed
    /// Bytes that are not a valid 33-byte compressed or 65-byte uncompressed secp256k1 point.
    case invalidPublicKey
    /// libsecp256k1 refused to sign (only with a key that passed validation, so never expected).
    case signingFailed

    public var description: String {
        switch self {
        case .invalidOutputLength(let length): "BLAKE2b output length \(length) is outside 1...64"
        case .invalidPrivateKey: "invalid secp256k1 private key"
        case .invalidDigestLength(let length): "digest is \(length) bytes, expected 32"
        case .invalidSignatureLength(let length): "secp256k1 signature is \(length) bytes, expected 65"
        case .invalidRecoveryID(let id): "secp256k1 recovery id \(id) is not in 0...3"
        case .invalidSignature: "secp256k1 signature r or s is out of range"
        case .recoveryFailed: "no public key recovers from this secp256k1 signature"
        case .invalidPublicKey: "invalid secp256k1 public key"
        case .signingFailed: "secp256k1 signing failed"
        }
    }
}
