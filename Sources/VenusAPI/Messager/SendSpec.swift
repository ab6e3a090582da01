import FilecoinTypes

/// Per-message sending options given with `PushMessage` and kept as the message's `Meta`
/// (venus-shared `messager.SendSpec`): `{"expireEpoch", "gasOverEstimation", "maxFee",
/// "gasOverPremium"}`. Zero means "use the address's, actor's or shared setting".
public struct SendSpec: Hashable, Sendable {
    /// The epoch after which the message is no longer sent (0: never expires).
    public var expireEpoch: Int64
    public var gasOverEstimation: Double
    public var maxFee: TokenAmount
    public var gasOverPremium: Double

    public init(expireEpoch: Int64 = 0, gasOverEstimation: Double = 0, maxFee: TokenAmount = .zero, gasOverPremium: Double = 0) {
        self.expireEpoch = expireEpoch
        self.gasOverEstimation = gasOverEstimation
        self.maxFee = maxFee
        self.gasOverPremium = gasOverPremium
    }

    /// The full node's gas-estimation options for the same settings (what sophon-messager passes
    /// to `GasEstimateMessageGas`).
    public var messageSendSpec: FullNodeAPI.MessageSendSpec {
        FullNodeAPI.MessageSendSpec(maxFee: maxFee, gasOverEstimation: gasOverEstimation, gasOverPremium: gasOverPremium)
    }
}

extension SendSpec: Codable {
    private enum CodingKeys: String, CodingKey {
        case expireEpoch, gasOverEstimation, maxFee, gasOverPremium
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            expireEpoch: try c.decodeIfPresent(Int64.self, forKey: .expireEpoch) ?? 0,
            gasOverEstimation: try c.decodeIfPresent(Double.self, forKey: .gasOverEstimation) ?? 0,
            maxFee: try c.decodeIfPresent(TokenAmount.self, forKey: .maxFee) ?? .zero,
            gasOverPremium: try c.decodeIfPresent(Double.self, forKey: .gasOverPremium) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(expireEpoch, forKey: .expireEpoch)
        try c.encode(gasOverEstimation, forKey: .gasOverEstimation)
        try c.encode(maxFee, forKey: .maxFee)
        try c.encode(gasOverPremium, forKey: .gasOverPremium)
    }
}
