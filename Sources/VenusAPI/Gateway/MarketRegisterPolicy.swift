import FilecoinTypes

/// What a market (droplet) sends with `ListenMarketEvent`: `{"Miner": "f01000"}`.
public struct MarketRegisterPolicy: Codable, Sendable, Hashable {
    public var miner: Address

    public init(miner: Address) { self.miner = miner }

    enum CodingKeys: String, CodingKey { case miner = "Miner" }
}
