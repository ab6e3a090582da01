import CSecp256k1

/// A secp256k1 private key: 32 bytes, a scalar in 1..<n (n is the curve order).
///
/// The secret lives in one heap buffer owned by a final class that zeroes it when the last copy
/// of the key is released; `bytes` hands out a copy, which the caller then owns. Signing follows
/// Filecoin: the message is hashed with BLAKE2b-256 and signed with RFC 6979 deterministic nonces
/// (libsecp256k1's default), giving a low-s 65-byte recoverable signature r || s || v.
public struct Secp256k1PrivateKey: Sendable {
    private let secret: SecretKeyStorage
    /// The public key, computed once when the key is made.
    public let publicKey: Secp256k1PublicKey

    /// Imports a 32-byte big-endian private key.
    /// - Throws: `CryptoError.invalidPrivateKey` when it is not 32 bytes or not in 1..<n.
    public init(bytes: some Collection<UInt8>) throws(CryptoError) {
        guard bytes.count == 32 else { throw .invalidPrivateKey }
        let storage = SecretKeyStorage()
        var index = 0
        for byte in bytes {
            storage.pointer[index] = byte
            index += 1
        }
        try self.init(storage: storage)
    }

    private init(storage: SecretKeyStorage) throws(CryptoError) {
        let context = Secp256k1Context.shared.pointer
        guard secp256k1_ec_seckey_verify(context, storage.pointer) == 1 else { throw .invalidPrivateKey }
        var point = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_create(context, &point, storage.pointer) == 1 else { throw .invalidPrivateKey }
        secret = storage
        publicKey = Secp256k1PublicKey(point: point)
    }

    /// A new key from the system CSPRNG. Draws are retried until one is a valid scalar (a draw
    /// fails with probability below 2^-127).
    public static func generate() -> Secp256k1PrivateKey {
        while true {
            let storage = SecretKeyStorage()
            SecureRandom.fill(UnsafeMutableRawBufferPointer(start: storage.pointer, count: 32))
            if let key = try? Secp256k1PrivateKey(storage: storage) { return key }
        }
    }

    /// A copy of the 32 secret bytes. The caller owns (and should wipe) the copy.
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: secret.pointer, count: 32))
    }

    /// Signs BLAKE2b-256(`data`), as Filecoin signs a message's CID bytes.
    /// - Returns: 65 bytes r || s || v, v the recovery id (0 or 1).
    public func sign(_ data: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        try signDigest(Blake2b.hash256(data))
    }

    /// Signs a 32-byte digest as is.
    /// - Throws: `CryptoError.invalidDigestLength` unless the digest is 32 bytes.
    public func signDigest(_ digest32: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        let digest = Array(digest32)
        guard digest.count == 32 else { throw .invalidDigestLength(digest.count) }
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_sign_recoverable(context, &signature, digest, secret.pointer, nil, nil) == 1 else {
            throw .signingFailed
        }
        var output = [UInt8](repeating: 0, count: 65)
        var recoveryID: Int32 = 0
        _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(context, &output, &recoveryID, &signature)
        output[64] = UInt8(truncatingIfNeeded: recoveryID)
        return output
    }
}

/// Owns the 32 secret bytes and wipes them on release. Immutable after the key is validated,
/// and never exposed, so sharing it between threads is safe.
private final class SecretKeyStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt8>

    init() {
        pointer = .allocate(capacity: 32)
        pointer.initialize(repeating: 0, count: 32)
    }

    deinit {
        SecureRandom.wipe(UnsafeMutableRawBufferPointer(start: pointer, count: 32))
        pointer.deallocate()
    }
}
