import GoCompat
import FilecoinTypes
import Foundation

/// One provider connection as the gateway lists it (venus-shared `gateway.ConnectState`):
/// `{"Addrs": [...], "ChannelId": "<uuid>", "Ip": "", "RequestCount": 0, "CreateTime": "<RFC 3339>"}`.
/// `RequestCount` is the number of requests waiting for an answer on the connection.
public struct ConnectState: Codable, Sendable, Hashable {
    public var addresses: [Address]
    public var channelID: GatewayUUID
    public var ip: String
    public var requestCount: Int
    public var createTime: Date

    public init(addresses: [Address], channelID: GatewayUUID, ip: String, requestCount: Int, createTime: Date) {
        self.addresses = addresses
        self.channelID = channelID
        self.ip = ip
        self.requestCount = requestCount
        self.createTime = createTime
    }

    enum CodingKeys: String, CodingKey {
        case addresses = "Addrs", channelID = "ChannelId", ip = "Ip", requestCount = "RequestCount"
        case createTime = "CreateTime"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        addresses = try c.decodeIfPresent([Address].self, forKey: .addresses) ?? []
        channelID = try c.decode(GatewayUUID.self, forKey: .channelID)
        ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
        requestCount = try c.decodeIfPresent(Int.self, forKey: .requestCount) ?? 0
        createTime = try c.decode(GoTime.self, forKey: .createTime).date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(addresses, forKey: .addresses)
        try c.encode(channelID, forKey: .channelID)
        try c.encode(ip, forKey: .ip)
        try c.encode(requestCount, forKey: .requestCount)
        try c.encode(GoTime(createTime), forKey: .createTime)
    }
}
