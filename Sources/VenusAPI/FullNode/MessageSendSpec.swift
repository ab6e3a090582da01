import FilecoinTypes

extension FullNodeAPI {
    /// Options for gas estimation and sending, in both upstream shapes.
    ///
    /// Lotus's `api.MessageSendSpec` is `{"MaxFee", "MsgUuid", "MaximizeFeeCap"}`; venus's
    /// (venus-shared `types.MessageSendSpec`, what sophon-messager sends) is `{"MaxFee",
    /// "GasOverEstimation", "GasOverPremium"}`. One value reads either, keeps which members came,
    /// and writes back only those (plus `MaxFee`), so each client gets its own shape.
    public struct MessageSendSpec: Codable, Sendable, Hashable {
        /// Cap on the total network fee (`GasFeeCap * GasLimit`); zero means the node's default.
        public var maxFee: TokenAmount
        /// Lotus: a client-chosen ID against double sends.
        public var msgUuid: GatewayUUID?
        /// Lotus: set the fee cap from `maxFee` alone.
        public var maximizeFeeCap: Bool?
        /// Venus: the factor applied to the estimated gas limit (0: the node's default).
        public var gasOverEstimation: Double?
        /// Venus: the factor applied to the estimated gas premium (0: none).
        public var gasOverPremium: Double?

        public init(
            maxFee: TokenAmount = .zero, msgUuid: GatewayUUID? = nil, maximizeFeeCap: Bool? = nil,
            gasOverEstimation: Double? = nil, gasOverPremium: Double? = nil
        ) {
            self.maxFee = maxFee
            self.msgUuid = msgUuid
            self.maximizeFeeCap = maximizeFeeCap
            self.gasOverEstimation = gasOverEstimation
            self.gasOverPremium = gasOverPremium
        }

        enum CodingKeys: String, CodingKey {
            case maxFee = "MaxFee", msgUuid = "MsgUuid", maximizeFeeCap = "MaximizeFeeCap"
            case gasOverEstimation = "GasOverEstimation", gasOverPremium = "GasOverPremium"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxFee = try c.decodeIfPresent(TokenAmount.self, forKey: .maxFee) ?? .zero
            msgUuid = try c.decodeIfPresent(GatewayUUID.self, forKey: .msgUuid)
            maximizeFeeCap = try c.decodeIfPresent(Bool.self, forKey: .maximizeFeeCap)
            gasOverEstimation = try c.decodeIfPresent(Double.self, forKey: .gasOverEstimation)
            gasOverPremium = try c.decodeIfPresent(Double.self, forKey: .gasOverPremium)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(maxFee, forKey: .maxFee)
            try c.encodeIfPresent(msgUuid, forKey: .msgUuid)
            try c.encodeIfPresent(maximizeFeeCap, forKey: .maximizeFeeCap)
            try c.encodeIfPresent(gasOverEstimation, forKey: .gasOverEstimation)
            try c.encodeIfPresent(gasOverPremium, forKey: .gasOverPremium)
        }
    }
}
