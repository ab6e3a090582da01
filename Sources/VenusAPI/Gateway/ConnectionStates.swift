/// The connections serving one miner or market (venus-shared `gateway.ConnectionStates`,
/// `MinerState` has the same shape): `{"Connections": [...], "ConnectionCount": n}`.
public struct ConnectionStates: Codable, Sendable, Hashable {
    public var connections: [ConnectState]
    public var connectionCount: Int

    public init(connections: [ConnectState]) {
        self.connections = connections
        self.connectionCount = connections.count
    }

    enum CodingKeys: String, CodingKey { case connections = "Connections", connectionCount = "ConnectionCount" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        connections = try c.decodeIfPresent([ConnectState].self, forKey: .connections) ?? []
        connectionCount = try c.decodeIfPresent(Int.self, forKey: .connectionCount) ?? connections.count
    }
}

/// `ListMinerConnection`'s answer (venus-shared `gateway.MinerState`), the same JSON shape.
public typealias MinerState = ConnectionStates
