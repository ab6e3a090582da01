import FilecoinTypes

/// The settings `UpdateActorCfg` changes (venus-shared `messager.ChangeGasSpecParams`), the
/// `FeeSpec` members, each optional: nil leaves the stored value as it is.
///
/// JSON `{"gasOverEstimation", "maxFee", "gasFeeCap", "gasOverPremium", "baseFee"}`. The factors
/// are `*float64` upstream (null: unchanged). The amounts are Go `big.Int`s, unchanged when
/// absent; Go's own client always writes them (an unset one as `"0"`), so a nil amount is left
/// out here rather than written, which keeps "unchanged" meaning unchanged on a Go server too.
public struct ChangeGasSpecParams: Hashable, Sendable {
    public var gasOverEstimation: Double?
    public var maxFee: TokenAmount?
    public var gasFeeCap: TokenAmount?
    public var gasOverPremium: Double?
    public var baseFee: TokenAmount?

    public init(
        gasOverEstimation: Double? = nil, maxFee: TokenAmount? = nil, gasFeeCap: TokenAmount? = nil,
        gasOverPremium: Double? = nil, baseFee: TokenAmount? = nil
    ) {
        self.gasOverEstimation = gasOverEstimation
        self.maxFee = maxFee
        self.gasFeeCap = gasFeeCap
        self.gasOverPremium = gasOverPremium
        self.baseFee = baseFee
    }

    /// Nothing to change.
    public var isEmpty: Bool {
        gasOverEstimation == nil && maxFee == nil && gasFeeCap == nil && gasOverPremium == nil && baseFee == nil
    }
}

extension ChangeGasSpecParams: Codable {
    private enum CodingKeys: String, CodingKey {
        case gasOverEstimation, maxFee, gasFeeCap, gasOverPremium, baseFee
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            gasOverEstimation: try c.decodeIfPresent(Double.self, forKey: .gasOverEstimation),
            maxFee: try c.decodeIfPresent(TokenAmount.self, forKey: .maxFee),
            gasFeeCap: try c.decodeIfPresent(TokenAmount.self, forKey: .gasFeeCap),
            gasOverPremium: try c.decodeIfPresent(Double.self, forKey: .gasOverPremium),
            baseFee: try c.decodeIfPresent(TokenAmount.self, forKey: .baseFee))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(gasOverEstimation, forKey: .gasOverEstimation)
        try c.encodeIfPresent(maxFee, forKey: .maxFee)
        try c.encodeIfPresent(gasFeeCap, forKey: .gasFeeCap)
        try c.encode(gasOverPremium, forKey: .gasOverPremium)
        try c.encodeIfPresent(baseFee, forKey: .baseFee)
    }
}
