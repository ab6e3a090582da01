@testable import ChainState
import FilecoinTypes
import Testing

/// The vesting table against specs-actors' `TestVesting_AddLockedFunds_Table` and the unvested
/// unlocking cases of `miner_state_test.go` (transcribed).
@Suite struct VestingFundsTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var delay: Int64, period: Int64, step: Int64, quantization: Int64
        var periodStart: Int64 = 0
        var vested: [Int64]
    }

    static let cases: [Case] = [
        Case(description: "single epoch", delay: 0, period: 1, step: 1, quantization: 1, vested: [0, 0, 100, 0]),
        Case(description: "period=2", delay: 0, period: 2, step: 1, quantization: 1, vested: [0, 0, 50, 50, 0]),
        Case(description: "period=2 quantization=2", delay: 0, period: 2, step: 1, quantization: 2, vested: [0, 0, 0, 100, 0]),
        Case(description: "period=3", delay: 0, period: 3, step: 1, quantization: 1, vested: [0, 0, 33, 33, 34, 0]),
        Case(description: "period=3 quantization=2", delay: 0, period: 3, step: 1, quantization: 2, vested: [0, 0, 0, 66, 0, 34, 0]),
        Case(description: "period=2 step=2", delay: 0, period: 2, step: 2, quantization: 1, vested: [0, 0, 0, 100, 0]),
        Case(description: "period=5 step=2", delay: 0, period: 5, step: 2, quantization: 1, vested: [0, 0, 0, 40, 0, 40, 0, 20, 0]),
        Case(description: "delay=1 period=5 step=2", delay: 1, period: 5, step: 2, quantization: 1, vested: [0, 0, 0, 0, 40, 0, 40, 0, 20, 0]),
        Case(description: "period=5 step=2 q=2", delay: 0, period: 5, step: 2, quantization: 2, vested: [0, 0, 0, 40, 0, 40, 0, 20, 0]),
        Case(description: "period=5 step=3 q=1", delay: 0, period: 5, step: 3, quantization: 1, vested: [0, 0, 0, 0, 60, 0, 0, 40, 0]),
        Case(description: "period=5 step=3 q=2", delay: 0, period: 5, step: 3, quantization: 2, vested: [0, 0, 0, 0, 0, 80, 0, 20, 0]),
        Case(description: "step > period", delay: 0, period: 5, step: 6, quantization: 1, vested: [0, 0, 0, 0, 0, 0, 0, 100, 0]),
        Case(description: "delay=5 period=5", delay: 5, period: 5, step: 1, quantization: 1, vested: [0, 0, 0, 0, 0, 0, 0, 20, 20, 20, 20, 20, 0]),
        Case(description: "offset 0", delay: 0, period: 10, step: 2, quantization: 2, vested: [0, 0, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20]),
        Case(description: "offset 1", delay: 0, period: 10, step: 2, quantization: 2, periodStart: 1, vested: [0, 0, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20]),
        Case(description: "period start 55", delay: 0, period: 10, step: 2, quantization: 2, periodStart: 55, vested: [0, 0, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20]),
        Case(description: "step ≪ quantization", delay: 0, period: 10, step: 1, quantization: 5, vested: [0, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 50]),
    ]

    @Test(arguments: cases)
    func addLockedFundsTable(_ c: Case) {
        var funds = VestingFunds()
        let start = c.periodStart + 10
        let spec = MinerPolicy.VestSpec(initialDelay: c.delay, vestPeriod: c.period, stepDuration: c.step, quantization: c.quantization)
        funds.addLockedFunds(epoch: start, sum: TokenAmount(attoFIL: 100), provingPeriodStart: c.periodStart, spec: spec)
        var total: Int64 = 0
        for (offset, expected) in c.vested.enumerated() {
            let unlocked = funds.unlockVestedFunds(epoch: start + Int64(offset))
            #expect(unlocked == TokenAmount(attoFIL: Int(expected)), "\(c) at +\(offset)")
            total += expected
        }
        #expect(total == 100)
        #expect(funds.funds.isEmpty)
    }

    @Test func coprimeQuantizationStepAndPeriod() {
        var funds = VestingFunds()
        funds.addLockedFunds(
            epoch: 10, sum: TokenAmount(attoFIL: 100), provingPeriodStart: 0,
            spec: MinerPolicy.VestSpec(initialDelay: 0, vestPeriod: 27, stepDuration: 5, quantization: 7))
        let expected: [Int64: Int] = [22: 40, 29: 26, 36: 26, 43: 8]
        for epoch in Int64(10)...43 {
            #expect(funds.unlockVestedFunds(epoch: epoch) == TokenAmount(attoFIL: expected[epoch] ?? 0), "epoch \(epoch)")
        }
        #expect(funds.funds.isEmpty)
    }

    @Test func unlockUnvestedLeavesPartialBucket() {
        var funds = VestingFunds()
        let spec = MinerPolicy.VestSpec(initialDelay: 0, vestPeriod: 50, stepDuration: 1, quantization: 1)
        funds.addLockedFunds(epoch: 100, sum: TokenAmount(attoFIL: 10_000), provingPeriodStart: 0, spec: spec)
        // 200 per epoch from 101; unlocking 250 takes the first bucket and 50 of the second.
        let unlocked = funds.unlockUnvestedFunds(epoch: 100, target: TokenAmount(attoFIL: 250))
        #expect(unlocked == TokenAmount(attoFIL: 250))
        #expect(funds.funds.first == VestingFunds.Fund(epoch: 102, amount: TokenAmount(attoFIL: 150)))
        // More than is locked: everything remaining.
        let rest = funds.unlockUnvestedFunds(epoch: 100, target: TokenAmount(attoFIL: 1_000_000))
        #expect(rest == TokenAmount(attoFIL: 9_750))
        #expect(funds.funds.isEmpty)
    }

    @Test func unlockUnvestedSkipsVestedEntries() {
        var funds = VestingFunds()
        let spec = MinerPolicy.VestSpec(initialDelay: 0, vestPeriod: 10, stepDuration: 1, quantization: 1)
        funds.addLockedFunds(epoch: 0, sum: TokenAmount(attoFIL: 100), provingPeriodStart: 0, spec: spec)
        // Entries 1...10 of 10 each; at epoch 5 entries 1...4 have vested and stay untouched.
        let unlocked = funds.unlockUnvestedFunds(epoch: 5, target: TokenAmount(attoFIL: 25))
        #expect(unlocked == TokenAmount(attoFIL: 25))
        #expect(funds.funds.map(\.epoch) == [1, 2, 3, 4, 7, 8, 9, 10])
        #expect(funds.funds[4].amount == TokenAmount(attoFIL: 5))
        #expect(funds.unlockVestedFunds(epoch: 5) == TokenAmount(attoFIL: 40))
    }

    @Test func cborRoundTrip() throws {
        let funds = VestingFunds(funds: [.init(epoch: 5, amount: TokenAmount(attoFIL: 7)), .init(epoch: 9, amount: TokenAmount(attoFIL: 1))])
        #expect(try VestingFunds(cborBytes: funds.cborBytes) == funds)
        #expect(VestingFunds().cborBytes == [0x81, 0x80])
    }
}
