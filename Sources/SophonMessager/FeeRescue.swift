import DagCBOR
import BigInt
import FilecoinTypes

/// The price of a stuck message's replacement (beyond upstream: messages that rescue themselves).
///
/// A replacement must beat the original in the node's pool: its premium at least `raise` times
/// the old one (Lotus's replace-by-fee rule is 1.25x), its fee cap raised as much, and never below
/// what the chain asks now (the fresh estimate). It may never cost more than the budget
/// (`feeCap * gasLimit`), when one is set: a replacement the budget cannot pay is not made, and
/// the reason says so.
public struct FeeRescue: Sendable {
    public enum Decision: Sendable, Hashable {
        case replace(gasFeeCap: TokenAmount, gasPremium: TokenAmount)
        case overBudget(needed: TokenAmount, budget: TokenAmount)
    }

    /// The factor the fee cap and premium are raised by, at least 1.25.
    public let raise: Double

    public init(raise: Double) { self.raise = max(raise, 1.25) }

    /// - Parameters:
    ///   - current: the message as last signed.
    ///   - estimate: the node's estimate for it now (fee cap and premium).
    ///   - budget: the most the message may cost (`feeCap * gasLimit`); zero for no limit.
    public func decide(current: Message, estimate: Message, budget: TokenAmount) -> Decision {
        let premium = max(Self.scaled(current.gasPremium, by: raise), estimate.gasPremium)
        var feeCap = max(Self.scaled(current.gasFeeCap, by: raise), estimate.gasFeeCap)
        if feeCap < premium { feeCap = premium }
        guard !budget.isZero else { return .replace(gasFeeCap: feeCap, gasPremium: premium) }
        let gasLimit = BigInt(max(current.gasLimit, 1))
        let cost = feeCap * gasLimit
        if budget < cost {
            // Spend the whole budget on the fee cap when that still beats the old one by the rule.
            let affordable = TokenAmount(attoFIL: budget.attoFIL / gasLimit)
            guard premium < affordable || premium == affordable else {
                return .overBudget(needed: cost, budget: budget)
            }
            guard !(affordable < Self.scaled(current.gasFeeCap, by: 1.25)) else {
                return .overBudget(needed: cost, budget: budget)
            }
            return .replace(gasFeeCap: affordable, gasPremium: premium)
        }
        return .replace(gasFeeCap: feeCap, gasPremium: premium)
    }

    /// `amount * factor`, rounded up, in exact integer arithmetic (the factor to 1/1000).
    static func scaled(_ amount: TokenAmount, by factor: Double) -> TokenAmount {
        let thousandths = BigInt(Int((factor * 1000).rounded(.up)))
        let product = amount.attoFIL * thousandths
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 1000)
        return TokenAmount(attoFIL: remainder.isZero ? quotient : quotient + 1)
    }
}
