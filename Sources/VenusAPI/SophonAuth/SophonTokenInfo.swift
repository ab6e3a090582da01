import GoCompat
import Foundation

/// One token as `GET /token` and `GET /tokens` list it:
/// `{"token", "name", "perm", "custom", "createTime"}`.
public struct SophonTokenInfo: Sendable, Hashable, Codable {
    public var token: String
    public var name: String
    public var perm: String
    /// Upstream's field, always empty there; kept for wire compatibility.
    public var custom: String
    public var createTime: Date

    public init(token: String, name: String, perm: String, custom: String = "", createTime: Date) {
        self.token = token
        self.name = name
        self.perm = perm
        self.custom = custom
        self.createTime = createTime
    }

    private enum CodingKeys: String, CodingKey { case token, name, perm, custom, createTime }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        token = try container.decode(String.self, forKey: .token)
        name = try container.decode(String.self, forKey: .name)
        perm = try container.decode(String.self, forKey: .perm)
        custom = try container.decodeIfPresent(String.self, forKey: .custom) ?? ""
        createTime = try container.decode(GoTime.self, forKey: .createTime).date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token, forKey: .token)
        try container.encode(name, forKey: .name)
        try container.encode(perm, forKey: .perm)
        try container.encode(custom, forKey: .custom)
        try container.encode(GoTime(createTime), forKey: .createTime)
    }
}
