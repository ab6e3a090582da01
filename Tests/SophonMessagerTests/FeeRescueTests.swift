import FilecoinTypes
import Testing

@testable import SophonMessager

/// The replacement price of a stuck message: raised by at least the replace-by-fee rule, never
/// below the chain's estimate, never past the budget.
@Suite struct FeeRescueTests {
    let from = try! Address("t1d2xrzcslx7xlbbylc5c3d5lvandqw4iwl6epxba")
    let to = try! Address("t01000")

    func message(feeCap: Int, premium: Int, gasLimit: Int64 = 1_000_000) -> Message {
        Message(
            to: to, from: from, nonce: 3, value: .zero, gasLimit: gasLimit, gasFeeCap: TokenAmount(attoFIL: feeCap),
            gasPremium: TokenAmount(attoFIL: premium))
    }

    @Test func raisesByTheReplaceByFeeRuleAtLeast() {
        let decision = FeeRescue(raise: 1.25).decide(
            current: message(feeCap: 1_000, premium: 100), estimate: message(feeCap: 900, premium: 90), budget: .zero)
        #expect(decision == .replace(gasFeeCap: TokenAmount(attoFIL: 1_250), gasPremium: TokenAmount(attoFIL: 125)))
    }

    @Test func followsTheEstimateWhenTheChainAsksMore() {
        let decision = FeeRescue(raise: 1.25).decide(
            current: message(feeCap: 1_000, premium: 100), estimate: message(feeCap: 5_000, premium: 400), budget: .zero)
        #expect(decision == .replace(gasFeeCap: TokenAmount(attoFIL: 5_000), gasPremium: TokenAmount(attoFIL: 400)))
    }

    @Test func aRaiseBelowTheRuleIsLiftedToIt() {
        #expect(FeeRescue(raise: 1.01).raise == 1.25)
        #expect(FeeRescue.scaled(TokenAmount(attoFIL: 101), by: 1.25) == TokenAmount(attoFIL: 127))
    }

    @Test func neverPastTheBudget() {
        // Budget 1,100 attoFIL per gas unit over a 1,000,000 limit: the rule needs 1,250.
        let refused = FeeRescue(raise: 1.25).decide(
            current: message(feeCap: 1_000, premium: 100), estimate: message(feeCap: 900, premium: 90),
            budget: TokenAmount(attoFIL: 1_100_000_000))
        #expect(refused == .overBudget(needed: TokenAmount(attoFIL: 1_250_000_000), budget: TokenAmount(attoFIL: 1_100_000_000)))
        // A budget above the rule's price but below the estimate spends the whole budget.
        let capped = FeeRescue(raise: 1.25).decide(
            current: message(feeCap: 1_000, premium: 100), estimate: message(feeCap: 3_000, premium: 100),
            budget: TokenAmount(attoFIL: 2_000_000_000))
        #expect(capped == .replace(gasFeeCap: TokenAmount(attoFIL: 2_000), gasPremium: TokenAmount(attoFIL: 125)))
    }
}
