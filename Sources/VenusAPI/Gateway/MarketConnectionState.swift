import FilecoinTypes

/// One market's connections (venus-shared `gateway.MarketConnectionState`): `{"Addr": "f01000", "Conn": {...}}`.
public struct MarketConnectionState: Codable, Sendable, Hashable {
    public var address: Address
    public var connections: ConnectionStates

    public init(address: Address, connections: ConnectionStates) {
        self.address = address
        self.connections = connections
    }

    enum CodingKeys: String, CodingKey { case address = "Addr", connections = "Conn" }
}
