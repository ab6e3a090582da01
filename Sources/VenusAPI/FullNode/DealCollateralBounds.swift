import FilecoinTypes

extension FullNodeAPI {
    /// The provider collateral a deal of a given size must lock (Lotus `api.DealCollateralBounds`).
    public struct DealCollateralBounds: Codable, Sendable, Hashable {
        public var min: TokenAmount
        public var max: TokenAmount

        public init(min: TokenAmount, max: TokenAmount) {
            self.min = min
            self.max = max
        }

        enum CodingKeys: String, CodingKey { case min = "Min", max = "Max" }
    }
}
