import GoCompat
import FilecoinTypes
import Foundation

/// A miner bound to a user (upstream's `OutputMiner`, Go field names):
/// `{"Miner", "User", "OpenMining", "CreatedAt", "UpdatedAt"}`.
public struct SophonMiner: Sendable, Hashable, Codable {
    public var miner: Address
    public var user: String
    public var openMining: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(miner: Address, user: String, openMining: Bool, createdAt: Date, updatedAt: Date) {
        self.miner = miner
        self.user = user
        self.openMining = openMining
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case miner = "Miner", user = "User", openMining = "OpenMining"
        case createdAt = "CreatedAt", updatedAt = "UpdatedAt"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        miner = try container.decode(Address.self, forKey: .miner)
        user = try container.decode(String.self, forKey: .user)
        openMining = try container.decode(Bool.self, forKey: .openMining)
        createdAt = try container.decode(GoTime.self, forKey: .createdAt).date
        updatedAt = try container.decode(GoTime.self, forKey: .updatedAt).date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(miner, forKey: .miner)
        try container.encode(user, forKey: .user)
        try container.encode(openMining, forKey: .openMining)
        try container.encode(GoTime(createdAt), forKey: .createdAt)
        try container.encode(GoTime(updatedAt), forKey: .updatedAt)
    }
}
