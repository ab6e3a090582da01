import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// Where a message's gas went (Lotus `api.MsgGasCost`), every amount in attoFIL as a string.
    /// `totalCost` is what the sender paid: `gasFeeCap * gasLimit - refund` (Lotus's
    /// `RequiredFunds() - Refund`); `gasUsed` counts gas units but travels as a big int string.
    /// A call applied without gas accounting (`StateCall`) has Go's zero value: `message` nil
    /// (`null`, an undefined CID) and every amount zero.
    public struct MsgGasCost: Codable, Sendable, Hashable {
        public var message: CID?
        public var gasUsed: TokenAmount
        public var baseFeeBurn: TokenAmount
        public var overEstimationBurn: TokenAmount
        public var minerPenalty: TokenAmount
        public var minerTip: TokenAmount
        public var refund: TokenAmount
        public var totalCost: TokenAmount

        public init(
            message: CID?, gasUsed: TokenAmount, baseFeeBurn: TokenAmount, overEstimationBurn: TokenAmount,
            minerPenalty: TokenAmount, minerTip: TokenAmount, refund: TokenAmount, totalCost: TokenAmount
        ) {
            self.message = message
            self.gasUsed = gasUsed
            self.baseFeeBurn = baseFeeBurn
            self.overEstimationBurn = overEstimationBurn
            self.minerPenalty = minerPenalty
            self.minerTip = minerTip
            self.refund = refund
            self.totalCost = totalCost
        }

        /// Go's zero value, what a call without gas accounting reports.
        public static let none = MsgGasCost(
            message: nil, gasUsed: .zero, baseFeeBurn: .zero, overEstimationBurn: .zero, minerPenalty: .zero,
            minerTip: .zero, refund: .zero, totalCost: .zero)

        enum CodingKeys: String, CodingKey {
            case message = "Message", gasUsed = "GasUsed", baseFeeBurn = "BaseFeeBurn"
            case overEstimationBurn = "OverEstimationBurn", minerPenalty = "MinerPenalty", minerTip = "MinerTip"
            case refund = "Refund", totalCost = "TotalCost"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(message, forKey: .message)
            try c.encode(gasUsed, forKey: .gasUsed)
            try c.encode(baseFeeBurn, forKey: .baseFeeBurn)
            try c.encode(overEstimationBurn, forKey: .overEstimationBurn)
            try c.encode(minerPenalty, forKey: .minerPenalty)
            try c.encode(minerTip, forKey: .minerTip)
            try c.encode(refund, forKey: .refund)
            try c.encode(totalCost, forKey: .totalCost)
        }
    }
}
