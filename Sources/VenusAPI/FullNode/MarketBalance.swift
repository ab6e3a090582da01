import FilecoinTypes

extension FullNodeAPI {
    /// An address's funds in the storage market actor (Lotus `api.MarketBalance`): what is in
    /// escrow and how much of that is locked by deals.
    public struct MarketBalance: Codable, Sendable, Hashable {
        public var escrow: TokenAmount
        public var locked: TokenAmount

        public init(escrow: TokenAmount, locked: TokenAmount) {
            self.escrow = escrow
            self.locked = locked
        }

        enum CodingKeys: String, CodingKey { case escrow = "Escrow", locked = "Locked" }
    }
}
