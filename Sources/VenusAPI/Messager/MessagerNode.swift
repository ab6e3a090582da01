import Foundation
import GoCompat

/// A chain node sophon-messager may use (venus-shared `messager.Node`): `{"ID", "Name", "URL",
/// "Token", "Type", "CreatedAt", "UpdatedAt"}`. `URL` is the node's API address (a multiaddr
/// or URL), `Token` the JWT the messager sends it.
public struct MessagerNode: Hashable, Sendable {
    public var id: GatewayUUID
    public var name: String
    public var url: String
    public var token: String
    public var type: MessagerNodeType
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: GatewayUUID = GatewayUUID(), name: String, url: String, token: String, type: MessagerNodeType = .unset,
        createdAt: Date = Date(), updatedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.url = url
        self.token = token
        self.type = type
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

extension MessagerNode: Codable {
    private enum CodingKeys: String, CodingKey {
        case id = "ID", name = "Name", url = "URL", token = "Token", type = "Type"
        case createdAt = "CreatedAt", updatedAt = "UpdatedAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(GatewayUUID.self, forKey: .id), name: try c.decodeIfPresent(String.self, forKey: .name) ?? "",
            url: try c.decodeIfPresent(String.self, forKey: .url) ?? "",
            token: try c.decodeIfPresent(String.self, forKey: .token) ?? "",
            type: try c.decodeIfPresent(MessagerNodeType.self, forKey: .type) ?? .unset,
            createdAt: (try c.decodeIfPresent(GoTime.self, forKey: .createdAt) ?? .zero).date,
            updatedAt: (try c.decodeIfPresent(GoTime.self, forKey: .updatedAt) ?? .zero).date)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(url, forKey: .url)
        try c.encode(token, forKey: .token)
        try c.encode(type, forKey: .type)
        try c.encode(GoTime(createdAt), forKey: .createdAt)
        try c.encode(GoTime(updatedAt), forKey: .updatedAt)
    }
}
