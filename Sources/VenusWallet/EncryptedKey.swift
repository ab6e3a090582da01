import GoCompat
import VenusRuntime
import Crypto
import CryptoExtras
import FilecoinCrypto
import Foundation

/// One key encrypted as upstream venus-wallet (and go-ethereum's keystore v3) does:
/// scrypt(password hash, salt) -> 32 bytes; AES-128-CTR with the first 16 over the key bytes,
/// a 16-byte IV as the initial counter block; MAC = keccak-256(dk[16..<32] || ciphertext).
///
/// The JSON form is upstream's `CryptoJSON`; the "password" fed to scrypt is always
/// keccak-256 of the user's password (upstream `KeyMixLayer`).
public struct EncryptedKey: Hashable, Sendable {
    public var cipherText: [UInt8]
    public var iv: [UInt8]
    public var salt: [UInt8]
    public var scrypt: ScryptParameters
    public var dkLength: Int
    public var mac: [UInt8]

    /// The scrypt output length upstream uses.
    public static let derivedKeyLength = 32

    /// Encrypts `plaintext` under `passwordHash` with a fresh 32-byte salt and 16-byte IV.
    public static func encrypt(
        _ plaintext: [UInt8], passwordHash: [UInt8], scrypt: ScryptParameters
    ) throws -> EncryptedKey {
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var derived = try deriveKey(passwordHash: passwordHash, salt: salt, scrypt: scrypt, length: derivedKeyLength)
        defer { wipe(&derived) }
        let cipherText = try aesCTR(Array(derived[0..<16]), iv: iv, plaintext)
        let mac = Keccak256.hash(derived[16..<32] + cipherText)
        return EncryptedKey(
            cipherText: cipherText, iv: iv, salt: salt, scrypt: scrypt, dkLength: derivedKeyLength, mac: mac)
    }

    /// The plaintext, after the MAC is checked.
    /// - Throws: `WalletError.wrongPassword` when the MAC does not match (a wrong password, or
    ///   a tampered entry: the two cannot be told apart from one entry alone).
    public func decrypt(passwordHash: [UInt8]) throws -> [UInt8] {
        guard dkLength == Self.derivedKeyLength else {
            throw WalletError.storage("unsupported dklen \(dkLength)")
        }
        var derived = try Self.deriveKey(passwordHash: passwordHash, salt: salt, scrypt: scrypt, length: dkLength)
        defer { Self.wipe(&derived) }
        let expected = Keccak256.hash(derived[16..<32] + cipherText)
        guard Self.constantTimeEqual(expected, mac) else { throw WalletError.wrongPassword }
        return try Self.aesCTR(Array(derived[0..<16]), iv: iv, cipherText)
    }

    static func deriveKey(
        passwordHash: [UInt8], salt: [UInt8], scrypt: ScryptParameters, length: Int
    ) throws -> [UInt8] {
        let key: SymmetricKey
        do {
            key = try KDF.Scrypt.deriveKey(
                from: passwordHash, salt: salt, outputByteCount: length,
                rounds: scrypt.n, blockSize: scrypt.r, parallelism: scrypt.p)
        } catch {
            throw WalletError.storage("scrypt failed: \(error)")
        }
        return key.withUnsafeBytes { Array($0) }
    }

    static func aesCTR(_ key: [UInt8], iv: [UInt8], _ input: [UInt8]) throws -> [UInt8] {
        do {
            let nonce = try AES._CTR.Nonce(nonceBytes: iv)
            return Array(try AES._CTR.encrypt(input, using: SymmetricKey(data: key), nonce: nonce))
        } catch {
            throw WalletError.storage("AES-CTR failed: \(error)")
        }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func wipe(_ bytes: inout [UInt8]) {
        for i in bytes.indices { bytes[i] = 0 }
    }
}

/// Upstream's `CryptoJSON`: `{"cipher":"aes-128-ctr","ciphertext":hex,"cipherparams":{"iv":hex},
/// "kdf":"scrypt","kdfparams":{"dklen":32,"n":..,"p":..,"r":8,"salt":hex},"mac":hex}`.
extension EncryptedKey: Codable {
    private enum CodingKeys: String, CodingKey {
        case cipher, cipherText = "ciphertext", cipherParams = "cipherparams", kdf, kdfParams = "kdfparams", mac
    }
    private struct CipherParams: Codable { var iv: String }
    private struct KDFParams: Codable {
        var dklen: Int
        var n: Int
        var p: Int
        var r: Int
        var salt: String
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let cipher = try container.decode(String.self, forKey: .cipher)
        guard cipher == "aes-128-ctr" else {
            throw WalletError.storage("cipher not supported: \(cipher)")
        }
        let kdf = try container.decode(String.self, forKey: .kdf)
        guard kdf == "scrypt" else { throw WalletError.storage("unsupported KDF: \(kdf)") }
        let params = try container.decode(KDFParams.self, forKey: .kdfParams)
        func hex(_ text: String, _ field: String) throws -> [UInt8] {
            do {
                return try Hex.decode(text)
            } catch {
                throw WalletError.storage("\(field) is not hex: \(error)")
            }
        }
        cipherText = try hex(try container.decode(String.self, forKey: .cipherText), "ciphertext")
        iv = try hex(try container.decode(CipherParams.self, forKey: .cipherParams).iv, "iv")
        guard iv.count == 16 else { throw WalletError.storage("iv must be 16 bytes, got \(iv.count)") }
        salt = try hex(params.salt, "salt")
        scrypt = try ScryptParameters(n: params.n, r: params.r, p: params.p)
        dkLength = params.dklen
        mac = try hex(try container.decode(String.self, forKey: .mac), "mac")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("aes-128-ctr", forKey: .cipher)
        try container.encode(Hex.encode(cipherText), forKey: .cipherText)
        try container.encode(CipherParams(iv: Hex.encode(iv)), forKey: .cipherParams)
        try container.encode("scrypt", forKey: .kdf)
        try container.encode(
            KDFParams(dklen: dkLength, n: scrypt.n, p: scrypt.p, r: scrypt.r, salt: Hex.encode(salt)),
            forKey: .kdfParams)
        try container.encode(Hex.encode(mac), forKey: .mac)
    }
}
