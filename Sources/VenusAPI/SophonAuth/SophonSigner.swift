import GoCompat
import FilecoinTypes
import Foundation

/// A signer address registered for a user (upstream's `OutputSigner`, Go field names):
/// `{"Signer", "User", "CreatedAt", "UpdatedAt"}`.
public struct SophonSigner: Sendable, Hashable, Codable {
    public var signer: Address
    public var user: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(signer: Address, user: String, createdAt: Date, updatedAt: Date) {
        self.signer = signer
        self.user = user
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case signer = "Signer", user = "User", createdAt = "CreatedAt", updatedAt = "UpdatedAt"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        signer = try container.decode(Address.self, forKey: .signer)
        user = try container.decode(String.self, forKey: .user)
        createdAt = try container.decode(GoTime.self, forKey: .createdAt).date
        updatedAt = try container.decode(GoTime.self, forKey: .updatedAt).date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(signer, forKey: .signer)
        try container.encode(user, forKey: .user)
        try container.encode(GoTime(createdAt), forKey: .createdAt)
        try container.encode(GoTime(updatedAt), forKey: .updatedAt)
    }
}
