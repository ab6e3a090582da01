import VenusRuntime
import Foundation

/// A private key as Lotus exchanges it: `{"Type":"bls"|"secp256k1"|"delegated","PrivateKey":"<base64>"}`.
///
/// `lotus wallet export` prints the hex of this JSON; `init(importing:)` accepts either form.
/// BLS private keys are 32 bytes little-endian (the `bls-signatures` crate's order), secp256k1
/// and delegated keys 32 bytes big-endian.
public struct KeyInfo: Hashable, Sendable {
    public var type: KeyType
    public var privateKey: [UInt8]

    public init(type: KeyType, privateKey: [UInt8]) {
        self.type = type
        self.privateKey = privateKey
    }

    /// Parses `lotus wallet export` output: the KeyInfo JSON, or its hex (surrounding
    /// whitespace ignored).
    /// - Throws: `WalletError.malformedKeyInfo`.
    public init(importing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let json: [UInt8]
        if trimmed.hasPrefix("{") {
            json = Array(trimmed.utf8)
        } else if let decoded = Hex.decode(trimmed) {
            json = decoded
        } else {
            throw WalletError.malformedKeyInfo("neither KeyInfo JSON nor hex")
        }
        do {
            self = try JSONDecoder().decode(KeyInfo.self, from: Data(json))
        } catch let error as WalletError {
            throw error
        } catch {
            throw WalletError.malformedKeyInfo("\(error)")
        }
    }

    /// The hex of the JSON form, as `lotus wallet export` prints it.
    public func exportedHex() throws -> String {
        Hex.encode(Array(try JSONEncoder().encode(self)))
    }
}

extension KeyInfo: Codable {
    private enum CodingKeys: String, CodingKey { case type = "Type", privateKey = "PrivateKey" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let type = KeyType(rawValue: typeName) else {
            throw WalletError.malformedKeyInfo("unknown key type \"\(typeName)\"")
        }
        let encoded = try container.decode(String.self, forKey: .privateKey)
        guard let bytes = Data(base64Encoded: encoded) else {
            throw WalletError.malformedKeyInfo("PrivateKey is not base64")
        }
        self.init(type: type, privateKey: Array(bytes))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.rawValue, forKey: .type)
        try container.encode(Data(privateKey).base64EncodedString(), forKey: .privateKey)
    }
}
