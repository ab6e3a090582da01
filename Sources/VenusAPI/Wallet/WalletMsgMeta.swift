import Foundation
import GoCompat

/// The context of a WalletSign request (upstream `types.MsgMeta`): what is being signed, and
/// for `message` and `verifyaddress` the extra data the signed bytes are checked against.
/// JSON: `{"Type":"message","Extra":"<base64>"}` (`Extra` may be null or absent).
public struct WalletMsgMeta: Hashable, Sendable {
    public var type: MsgType
    public var extra: [UInt8]

    public init(type: MsgType, extra: [UInt8] = []) {
        self.type = type
        self.extra = extra
    }
}

extension WalletMsgMeta: Codable {
    private enum CodingKeys: String, CodingKey { case type = "Type", extra = "Extra" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .type)
        guard let type = MsgType(rawValue: name) else { throw UnsupportedMsgType(name) }
        self.init(type: type, extra: try container.decodeIfPresent(GoBytes.self, forKey: .extra)?.orEmpty ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.rawValue, forKey: .type)
        try container.encode(GoBytes(nilIfEmpty: extra), forKey: .extra)
    }
}
