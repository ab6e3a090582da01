/// The payload of the `InitConnect` event (venus-shared `gateway.ConnectedCompleted`):
/// `{"ChannelId": "<uuid>"}`, the id the provider names its connection by in later calls
/// (`AddNewAddress`, `RemoveAddress`, `SupportNewAccount`).
public struct ConnectedCompleted: Codable, Sendable, Hashable {
    public var channelID: GatewayUUID

    public init(channelID: GatewayUUID) { self.channelID = channelID }

    enum CodingKeys: String, CodingKey { case channelID = "ChannelId" }
}
