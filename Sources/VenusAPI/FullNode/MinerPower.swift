extension FullNodeAPI {
    /// `StateMinerPower`'s answer (Lotus `api.MinerPower`): the miner's claim, the network's total
    /// and whether the miner meets the consensus minimum (`HasMinPower`), which decides whether it
    /// may win blocks.
    public struct MinerPower: Codable, Sendable, Hashable {
        public var minerPower: Claim
        public var totalPower: Claim
        public var hasMinPower: Bool

        public init(minerPower: Claim, totalPower: Claim, hasMinPower: Bool) {
            self.minerPower = minerPower
            self.totalPower = totalPower
            self.hasMinPower = hasMinPower
        }

        enum CodingKeys: String, CodingKey {
            case minerPower = "MinerPower", totalPower = "TotalPower", hasMinPower = "HasMinPower"
        }
    }
}
