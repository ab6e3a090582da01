import GoCompat
import Foundation

/// venus-shared `types.MsgMeta` as the gateway passes it through: `{"Type": "message",
/// "Extra": "<base64>"}`. The type stays text so the gateway forwards types it does not know;
/// the wallet decides what each means.
public struct GatewayMsgMeta: Codable, Sendable, Hashable {
    public var type: String
    public var extra: Data

    public init(type: String, extra: Data = Data()) {
        self.type = type
        self.extra = extra
    }

    /// `verifyaddress`: the address-proof challenge.
    public static let verifyAddressType = "verifyaddress"

    enum CodingKeys: String, CodingKey { case type = "Type", extra = "Extra" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        extra = Data(try c.decodeIfPresent(GoBytes.self, forKey: .extra)?.orEmpty ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(GoBytes(nilIfEmpty: extra), forKey: .extra)
    }
}
