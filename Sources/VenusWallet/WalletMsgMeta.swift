import Foundation

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
        guard let type = MsgType(rawValue: name) else {
            throw WalletError.signRefused("unsupported msgtype: \(name)")
        }
        var extra: [UInt8] = []
        if let text = try container.decodeIfPresent(String.self, forKey: .extra) {
            guard let data = Data(base64Encoded: text) else {
                throw WalletError.signRefused("Extra is not base64")
            }
            extra = Array(data)
        }
        self.init(type: type, extra: extra)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.rawValue, forKey: .type)
        if extra.isEmpty {
            try container.encodeNil(forKey: .extra)
        } else {
            try container.encode(Data(extra).base64EncodedString(), forKey: .extra)
        }
    }
}
