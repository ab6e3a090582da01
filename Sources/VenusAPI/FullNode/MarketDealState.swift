extension FullNodeAPI {
    /// A deal's progress (Lotus `api.MarketDealState`); -1 marks an epoch that has not happened
    /// (not yet in a proven sector, never updated, never slashed). `sectorNumber` is 0 until the
    /// deal is in a proven sector, and 0 is also a valid sector number.
    public struct MarketDealState: Codable, Sendable, Hashable {
        public var sectorNumber: UInt64
        public var sectorStartEpoch: Int64
        public var lastUpdatedEpoch: Int64
        public var slashEpoch: Int64

        public init(sectorNumber: UInt64 = 0, sectorStartEpoch: Int64 = -1, lastUpdatedEpoch: Int64 = -1, slashEpoch: Int64 = -1) {
            self.sectorNumber = sectorNumber
            self.sectorStartEpoch = sectorStartEpoch
            self.lastUpdatedEpoch = lastUpdatedEpoch
            self.slashEpoch = slashEpoch
        }

        enum CodingKeys: String, CodingKey {
            case sectorNumber = "SectorNumber", sectorStartEpoch = "SectorStartEpoch"
            case lastUpdatedEpoch = "LastUpdatedEpoch", slashEpoch = "SlashEpoch"
        }
    }
}
