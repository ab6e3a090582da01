import FilecoinTypes

/// The sender's options for gas estimation, the fields of both upstream `MessageSendSpec`s
/// (Lotus `api.MessageSendSpec`, venus-shared `types.MessageSendSpec`) that estimation reads. The
/// node maps `FullNodeAPI.MessageSendSpec` onto this one field for field; a `null` spec is
/// ``MessageSendSpec/init(maxFee:maximizeFeeCap:gasOverEstimation:gasOverPremium:)`` with the
/// defaults.
public struct MessageSendSpec: Hashable, Sendable {
    /// Cap on `GasFeeCap × GasLimit`; zero means the node's default (``GasEstimatorConfig/defaultMaxFee``).
    public var maxFee: TokenAmount
    /// Lotus: set the fee cap to `maxFee / GasLimit` even when the estimate is below it.
    public var maximizeFeeCap: Bool
    /// Venus: the factor on the estimated gas used (nil or not above 0: the pool's
    /// `GasLimitOverestimation`).
    public var gasOverEstimation: Double?
    /// Venus: the factor on the estimated gas premium (nil or not above 0: none).
    public var gasOverPremium: Double?

    public init(maxFee: TokenAmount = .zero, maximizeFeeCap: Bool = false, gasOverEstimation: Double? = nil, gasOverPremium: Double? = nil) {
        self.maxFee = maxFee
        self.maximizeFeeCap = maximizeFeeCap
        self.gasOverEstimation = gasOverEstimation
        self.gasOverPremium = gasOverPremium
    }
}
