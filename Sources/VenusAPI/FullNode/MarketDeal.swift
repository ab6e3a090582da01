extension FullNodeAPI {
    /// `StateMarketStorageDeal`'s answer (Lotus `api.MarketDeal`): the proposal and its state.
    public struct MarketDeal: Codable, Sendable, Hashable {
        public var proposal: DealProposal
        public var state: MarketDealState

        public init(proposal: DealProposal, state: MarketDealState) {
            self.proposal = proposal
            self.state = state
        }

        enum CodingKeys: String, CodingKey { case proposal = "Proposal", state = "State" }
    }
}
