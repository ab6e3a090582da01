import FilecoinTypes

/// `ReplaceMessage`'s argument (venus-shared `messager.ReplacMessageParams`, upstream's
/// spelling): `{"ID", "Auto", "MaxFee", "GasLimit", "GasPremium", "GasFeecap", "GasOverPremium"}`.
/// With `auto` the service re-estimates the gas (bounded by `maxFee`, premium scaled by
/// `gasOverPremium`); otherwise it sets the given premium and fee cap (both must be positive)
/// and the gas limit when it is positive.
public struct ReplacMessageParams: Hashable, Sendable {
    /// The messager's message ID.
    public var id: String
    public var auto: Bool
    public var maxFee: TokenAmount
    public var gasLimit: Int64
    public var gasPremium: TokenAmount
    public var gasFeeCap: TokenAmount
    public var gasOverPremium: Double

    public init(
        id: String, auto: Bool, maxFee: TokenAmount = .zero, gasLimit: Int64 = 0, gasPremium: TokenAmount = .zero,
        gasFeeCap: TokenAmount = .zero, gasOverPremium: Double = 0
    ) {
        self.id = id
        self.auto = auto
        self.maxFee = maxFee
        self.gasLimit = gasLimit
        self.gasPremium = gasPremium
        self.gasFeeCap = gasFeeCap
        self.gasOverPremium = gasOverPremium
    }
}

/// The same type under its English spelling.
public typealias ReplaceMessageParams = ReplacMessageParams

extension ReplacMessageParams: Codable {
    private enum CodingKeys: String, CodingKey {
        case id = "ID", auto = "Auto", maxFee = "MaxFee", gasLimit = "GasLimit", gasPremium = "GasPremium"
        case gasFeeCap = "GasFeecap", gasOverPremium = "GasOverPremium"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), auto: try c.decodeIfPresent(Bool.self, forKey: .auto) ?? false,
            maxFee: try c.decodeIfPresent(TokenAmount.self, forKey: .maxFee) ?? .zero,
            gasLimit: try c.decodeIfPresent(Int64.self, forKey: .gasLimit) ?? 0,
            gasPremium: try c.decodeIfPresent(TokenAmount.self, forKey: .gasPremium) ?? .zero,
            gasFeeCap: try c.decodeIfPresent(TokenAmount.self, forKey: .gasFeeCap) ?? .zero,
            gasOverPremium: try c.decodeIfPresent(Double.self, forKey: .gasOverPremium) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(auto, forKey: .auto)
        try c.encode(maxFee, forKey: .maxFee)
        try c.encode(gasLimit, forKey: .gasLimit)
        try c.encode(gasPremium, forKey: .gasPremium)
        try c.encode(gasFeeCap, forKey: .gasFeeCap)
        try c.encode(gasOverPremium, forKey: .gasOverPremium)
    }
}
