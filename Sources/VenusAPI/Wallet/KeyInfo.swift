import Foundation
import GoCompat

/// A private key as Lotus exchanges it: `{"Type":"bls"|"secp256k1"|"delegated","PrivateKey":"<base64>"}`.
///
/// BLS private keys are 32 bytes little-endian (the `bls-signatures` crate's order), secp256k1
/// and delegated keys 32 bytes big-endian.
public struct KeyInfo: Hashable, Sendable {
    public var type: KeyType
    public var privateKey: [UInt8]

    public init(type: KeyType, privateKey: [UInt8]) {
        self.type = type
        self.privateKey = privateKey
    }
}

extension KeyInfo: Codable {
    private enum CodingKeys: String, CodingKey { case type = "Type", privateKey = "PrivateKey" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let type = KeyType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown key type \"\(typeName)\"")
        }
        self.init(type: type, privateKey: try container.decode(GoBytes.self, forKey: .privateKey).orEmpty)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.rawValue, forKey: .type)
        try container.encode(GoBytes(privateKey), forKey: .privateKey)
    }
}
