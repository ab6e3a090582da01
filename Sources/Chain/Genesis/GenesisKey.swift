import ChainState
import FilecoinCrypto
import FilecoinTypes
import Foundation
import GoCompat

/// A private key as Lotus's genesis files carry it (`types.KeyInfo`:
/// `{"Type":"bls"|"secp256k1","PrivateKey":"<base64>"}`): a preseal's deal client key, the
/// `pre-seal-<miner>.key` file a miner's owner/worker key is written to.
///
/// BLS keys are 32 bytes little-endian (Filecoin's order), secp256k1 keys 32 bytes big-endian.
/// The bytes are validated when the key is made or decoded, so a `GenesisKey` always signs.
/// (The wallet's `KeyInfo` lives above this library; this is the same wire shape.)
public struct GenesisKey: Hashable, Sendable {
    public enum KeyType: String, Codable, Hashable, Sendable {
        case bls
        case secp256k1
    }

    public let type: KeyType
    public let privateKey: [UInt8]
    /// The key's address (f3 for BLS, f1 for secp256k1).
    public let address: Address

    /// A key from its type and bytes.
    /// - Throws: ``GenesisError/invalidKey(_:)`` when the bytes are not a valid key of the type.
    public init(type: KeyType, privateKey: [UInt8]) throws(GenesisError) {
        self.type = type
        self.privateKey = privateKey
        do {
            switch type {
            case .bls:
                address = try Address.bls(publicKey: try BLSPrivateKey(bytes: privateKey).publicKey.bytes)
            case .secp256k1:
                address = Address.secp256k1(publicKey: try Secp256k1PrivateKey(bytes: privateKey).publicKey)
            }
        } catch {
            throw .invalidKey("not a valid \(type.rawValue) private key (\(privateKey.count) bytes)")
        }
    }

    /// A fresh BLS key from the system CSPRNG (Lotus `wallet.GenerateKey(types.KTBLS)`).
    public static func generateBLS() -> GenesisKey {
        var generator = SystemRandomNumberGenerator()
        return generateBLS(using: &generator)
    }

    /// A BLS key drawn from `generator` (a seeded generator gives reproducible devnet keys).
    public static func generateBLS(using generator: inout some RandomNumberGenerator) -> GenesisKey {
        let key = BLSPrivateKey.generate(using: &generator)
        // A freshly generated key is valid, so this cannot fail; the fallback keeps the type total.
        return (try? GenesisKey(type: .bls, privateKey: key.bytes)) ?? GenesisKey(unchecked: key)
    }

    private init(unchecked key: BLSPrivateKey) {
        type = .bls
        privateKey = key.bytes
        address = (try? Address.bls(publicKey: key.publicKey.bytes)) ?? Address.idAddress(0)
    }

    /// Signs `data` as Filecoin does for this key type (BLS basic scheme, or secp256k1 over
    /// blake2b-256 with recovery).
    public func sign(_ data: [UInt8]) throws(GenesisError) -> Signature {
        do {
            switch type {
            case .bls: return .bls(signing: data, with: try BLSPrivateKey(bytes: privateKey))
            case .secp256k1: return try .secp256k1(signing: data, with: try Secp256k1PrivateKey(bytes: privateKey))
            }
        } catch {
            throw .invalidKey("signing with the \(type.rawValue) key of \(address): \(error)")
        }
    }

    /// The key as `lotus-seed` writes `pre-seal-<miner>.key`: the hex of the key's JSON.
    public var lotusKeyFileText: String {
        let json = (try? JSONEncoder().encode(self)) ?? Data()
        return Hex.encode(Array(json))
    }

    /// Reads a `pre-seal-<miner>.key` file's text (hex of the key JSON; plain JSON is accepted too).
    public init(lotusKeyFileText text: String) throws(GenesisError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let json: [UInt8]
        if trimmed.hasPrefix("{") {
            json = Array(trimmed.utf8)
        } else if let bytes = try? Hex.decode(trimmed) {
            json = bytes
        } else {
            throw .invalidKey("a key file holds the hex of {\"Type\":…,\"PrivateKey\":…}")
        }
        do {
            self = try JSONDecoder().decode(GenesisKey.self, from: Data(json))
        } catch let error as GenesisError {
            throw error
        } catch {
            throw .invalidKey("key JSON: \(error)")
        }
    }
}

extension GenesisKey: Codable {
    private enum CodingKeys: String, CodingKey { case type = "Type", privateKey = "PrivateKey" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .type)
        guard let type = KeyType(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unsupported key type \"\(name)\" (bls or secp256k1)")
        }
        let bytes = try container.decode(GoBytes.self, forKey: .privateKey).orEmpty
        try self.init(type: type, privateKey: bytes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.rawValue, forKey: .type)
        try container.encode(GoBytes(privateKey), forKey: .privateKey)
    }
}
