import Foundation
import GoCompat

/// One decision the messager took about a message: filled, refused, replaced, re-priced,
/// failed, ... with why, at which head height (`Message.ListMessageEvents`, beyond upstream:
/// sophon-messager keeps no such record, so the names follow its other Go-style DTOs).
public struct MessageEvent: Hashable, Sendable {
    public var messageID: String
    public var height: Int64
    public var kind: String
    public var reason: String
    public var createdAt: Date

    public init(messageID: String, height: Int64, kind: String, reason: String, createdAt: Date) {
        self.messageID = messageID
        self.height = height
        self.kind = kind
        self.reason = reason
        self.createdAt = createdAt
    }
}

extension MessageEvent: Codable {
    private enum CodingKeys: String, CodingKey {
        case messageID = "MessageID", height = "Height", kind = "Kind", reason = "Reason", createdAt = "CreatedAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            messageID: try c.decodeIfPresent(String.self, forKey: .messageID) ?? "",
            height: try c.decodeIfPresent(Int64.self, forKey: .height) ?? 0,
            kind: try c.decodeIfPresent(String.self, forKey: .kind) ?? "",
            reason: try c.decodeIfPresent(String.self, forKey: .reason) ?? "",
            createdAt: (try c.decodeIfPresent(GoTime.self, forKey: .createdAt) ?? .zero).date)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(messageID, forKey: .messageID)
        try c.encode(height, forKey: .height)
        try c.encode(kind, forKey: .kind)
        try c.encode(reason, forKey: .reason)
        try c.encode(GoTime(createdAt), forKey: .createdAt)
    }
}
