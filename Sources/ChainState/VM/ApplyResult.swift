import FilecoinTypes

/// The outcome of applying one message: its receipt, how the gas fee was split, the actor
/// error (if any), and the gas charges when tracing.
public struct ApplyResult: Sendable {
    public var receipt: MessageReceipt
    public var gasOutputs: GasOutputs
    public var errorMessage: String?
    public var gasTrace: [GasCharge]
}

/// How a message's gas fee is split (Lotus `GasOutputs`).
public struct GasOutputs: Hashable, Sendable {
    public var baseFeeBurn = TokenAmount.zero
    public var overEstimationBurn = TokenAmount.zero
    public var minerPenalty = TokenAmount.zero
    public var minerTip = TokenAmount.zero
    public var refund = TokenAmount.zero
    public var gasRefund: Int64 = 0
    public var gasBurned: Int64 = 0

    public init() {}

    /// Over-estimation: gas beyond 110% of what was used is partly burned (Lotus
    /// `ComputeGasOverestimationBurn`). Returns (refunded gas, burned gas).
    public static func overestimationBurn(gasUsed: Int64, gasLimit: Int64) -> (refund: Int64, burn: Int64) {
        if gasUsed == 0 { return (0, gasLimit) }
        var over = gasLimit - (11 * gasUsed) / 10
        if over < 0 { return (gasLimit - gasUsed, 0) }
        if over > gasUsed { over = gasUsed }
        let burned = (TokenAmount(attoFIL: Int(gasLimit - gasUsed)).attoFIL * TokenAmount(attoFIL: Int(over)).attoFIL)
            / TokenAmount(attoFIL: Int(gasUsed)).attoFIL
        let burn = Int64(truncatingIfNeeded: burned)
        return (gasLimit - gasUsed - burn, burn)
    }

    /// Lotus `ComputeGasOutputs`.
    public static func compute(
        gasUsed: Int64, gasLimit: Int64, baseFee: TokenAmount, feeCap: TokenAmount, premium: TokenAmount,
        chargeNetworkFee: Bool
    ) -> GasOutputs {
        var out = GasOutputs()
        let used = TokenAmount(attoFIL: Int(gasUsed)).attoFIL
        var baseFeeToPay = baseFee
        if baseFee > feeCap {
            baseFeeToPay = feeCap
            out.minerPenalty = (baseFee - feeCap) * used
        }
        if chargeNetworkFee { out.baseFeeBurn = baseFeeToPay * used }
        var tip = premium
        if baseFeeToPay + tip > feeCap { tip = feeCap - baseFeeToPay }
        out.minerTip = tip * TokenAmount(attoFIL: Int(gasLimit)).attoFIL
        (out.gasRefund, out.gasBurned) = overestimationBurn(gasUsed: gasUsed, gasLimit: gasLimit)
        if out.gasBurned != 0 {
            let burned = TokenAmount(attoFIL: Int(out.gasBurned)).attoFIL
            out.overEstimationBurn = baseFeeToPay * burned
            out.minerPenalty += (baseFee - baseFeeToPay) * burned
        }
        let required = feeCap * TokenAmount(attoFIL: Int(gasLimit)).attoFIL
        out.refund = required - out.baseFeeBurn - out.minerTip - out.overEstimationBurn
        return out
    }
}
