import FilecoinTypes

/// The gas settings that sophon-messager keeps per address, per actor method and globally
/// (venus-shared `messager.FeeSpec`). Upstream embeds it, so its members sit flat in the
/// enclosing object: `{"gasOverEstimation", "maxFee", "gasFeeCap", "gasOverPremium", "baseFee"}`.
/// A zero amount or factor means "not set here" (the next level, then the node, decides).
public struct FeeSpec: Hashable, Sendable {
    /// The factor applied to the estimated gas limit.
    public var gasOverEstimation: Double
    /// Cap on the total fee (`gasFeeCap * gasLimit`).
    public var maxFee: TokenAmount
    /// A fixed fee cap instead of the estimated one.
    public var gasFeeCap: TokenAmount
    /// The factor applied to the estimated gas premium.
    public var gasOverPremium: Double
    /// Messages wait while the chain's base fee is above this.
    public var baseFee: TokenAmount

    public static let zero = FeeSpec()

    public init(
        gasOverEstimation: Double = 0, maxFee: TokenAmount = .zero, gasFeeCap: TokenAmount = .zero,
        gasOverPremium: Double = 0, baseFee: TokenAmount = .zero
    ) {
        self.gasOverEstimation = gasOverEstimation
        self.maxFee = maxFee
        self.gasFeeCap = gasFeeCap
        self.gasOverPremium = gasOverPremium
        self.baseFee = baseFee
    }
}

/// Read and written through the enclosing object's encoder, since the members are flat there.
/// Absent members read as zero, as Go leaves them.
extension FeeSpec: Codable {
    private enum CodingKeys: String, CodingKey {
        case gasOverEstimation, maxFee, gasFeeCap, gasOverPremium, baseFee
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            gasOverEstimation: try c.decodeIfPresent(Double.self, forKey: .gasOverEstimation) ?? 0,
            maxFee: try c.decodeIfPresent(TokenAmount.self, forKey: .maxFee) ?? .zero,
            gasFeeCap: try c.decodeIfPresent(TokenAmount.self, forKey: .gasFeeCap) ?? .zero,
            gasOverPremium: try c.decodeIfPresent(Double.self, forKey: .gasOverPremium) ?? 0,
            baseFee: try c.decodeIfPresent(TokenAmount.self, forKey: .baseFee) ?? .zero)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(gasOverEstimation, forKey: .gasOverEstimation)
        try c.encode(maxFee, forKey: .maxFee)
        try c.encode(gasFeeCap, forKey: .gasFeeCap)
        try c.encode(gasOverPremium, forKey: .gasOverPremium)
        try c.encode(baseFee, forKey: .baseFee)
    }
}

extension FeeSpec {
    /// These settings with the members `change` carries replaced.
    public func applying(_ change: ChangeGasSpecParams) -> FeeSpec {
        FeeSpec(
            gasOverEstimation: change.gasOverEstimation ?? gasOverEstimation, maxFee: change.maxFee ?? maxFee,
            gasFeeCap: change.gasFeeCap ?? gasFeeCap, gasOverPremium: change.gasOverPremium ?? gasOverPremium,
            baseFee: change.baseFee ?? baseFee)
    }
}
