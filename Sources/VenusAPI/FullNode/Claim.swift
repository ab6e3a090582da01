extension FullNodeAPI {
    /// A power claim (specs-actors `power.Claim`), both powers in bytes as decimal strings.
    public struct Claim: Codable, Sendable, Hashable {
        public var rawBytePower: LotusBigInt
        public var qualityAdjPower: LotusBigInt

        public init(rawBytePower: LotusBigInt, qualityAdjPower: LotusBigInt) {
            self.rawBytePower = rawBytePower
            self.qualityAdjPower = qualityAdjPower
        }

        enum CodingKeys: String, CodingKey { case rawBytePower = "RawBytePower", qualityAdjPower = "QualityAdjPower" }
    }
}
