import FilecoinTypes

/// The node-level settings gas estimation reads that are not the message pool's.
public struct GasEstimatorConfig: Hashable, Sendable {
    /// Lotus `config.DefaultDefaultMaxFee` (0.07 FIL): the fee cap budget when a spec names none.
    public static let lotusDefaultMaxFee = TokenAmount(attoFIL: 70_000_000_000_000_000)

    /// Lotus `Fees.DefaultMaxFee`: the most `GasFeeCap × GasLimit` an estimate may come to when
    /// the sender's spec gives no `MaxFee`.
    public var defaultMaxFee: TokenAmount

    public init(defaultMaxFee: TokenAmount = lotusDefaultMaxFee) {
        self.defaultMaxFee = defaultMaxFee
    }
}
