import BigInt
@testable import Chain
import FilecoinTypes
import Foundation
import Testing
import VenusTesting

/// The arithmetic under selection, against Lotus's table and Python's exact fractions.
@Suite struct SelectionMathTests {
    /// Lotus `TestGasReward`, gas limit 10.
    @Test(arguments: [
        (premium: 100, feeCap: 200, baseFee: 100, reward: 100),
        (premium: 100, feeCap: 200, baseFee: 210, reward: -10 * 3),
        (premium: 200, feeCap: 250, baseFee: 210, reward: 40),
        (premium: 200, feeCap: 250, baseFee: 2000, reward: -1750 * 3),
    ])
    func gasRewardMatchesLotus(premium: Int, feeCap: Int, baseFee: Int, reward: Int) throws {
        let figures = try #require(
            SelectionFigures(
                Message(
                    to: try .id(1), from: try .id(2), nonce: 0, value: .zero, gasLimit: 10,
                    gasFeeCap: TokenAmount(attoFIL: feeCap), gasPremium: TokenAmount(attoFIL: premium)),
                requiredFunds: BigInt(feeCap) * 10))
        #expect(GasPerformance.reward(figures, baseFee: Int128(baseFee)) == Int128(reward * 10))
    }

    /// reward × 10^10 / gas limit must be the float nearest to the exact quotient, as Go's
    /// `big.Rat.Float64`; Python's `float(Fraction(...))` rounds the same way.
    @Test(.enabled(if: PythonOracle.available(modules: ["fractions"])))
    func gasPerformanceIsTheNearestFloat() throws {
        var generator = SeededGenerator(seed: 77)
        var cases: [(reward: Int128, gasLimit: Int64)] = [(0, 1), (1, 3), (-7, 3), (1 << 92, 7), (-(1 << 100), 10_000_000_000)]
        for _ in 0..<300 {
            let magnitude = Int128(UInt64.random(in: 0...UInt64.max, using: &generator)) << Int.random(in: 0...60, using: &generator)
            let reward = Bool.random(using: &generator) ? magnitude : -magnitude
            cases.append((reward, Int64.random(in: 1...10_000_000_000, using: &generator)))
        }
        let script = """
            import json, sys
            from fractions import Fraction
            cases = json.load(sys.stdin)
            print(json.dumps([float(Fraction(int(r) * 10**10, int(g))).hex() for r, g in cases]))
            """
        let input = try JSONSerialization.data(withJSONObject: cases.map { [String($0.reward), String($0.gasLimit)] })
        let output = try PythonOracle.run(arguments: ["-c", script], input: input)
        let expected = try #require(try JSONSerialization.jsonObject(with: output) as? [String])
        for (testCase, hex) in zip(cases, expected) {
            let ours = GasPerformance.performance(reward: testCase.reward, gasLimit: testCase.gasLimit)
            #expect(Self.pythonHex(ours) == hex, "reward \(testCase.reward), gas limit \(testCase.gasLimit)")
        }
    }

    /// Python's `float.hex` form, for exact comparison.
    static func pythonHex(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        let exponent = magnitude.exponent
        let fraction = magnitude.significandBitPattern
        var digits = String(fraction, radix: 16)
        digits = String(repeating: "0", count: 13 - digits.count) + digits
        return "\(sign)0x1.\(digits)p\(exponent >= 0 ? "+" : "")\(exponent)"
    }

    /// Lotus `TestBlockProbability`: decreasing for a good ticket; and the values of the Poisson
    /// and binomial mixture, computed by Python.
    @Test(.enabled(if: PythonOracle.available(modules: ["math"])))
    func blockProbabilitiesMatchThePoissonBinomialMixture() throws {
        let good = BlockProbabilities.forTicketQuality(1 - 0.15)
        for i in 0..<(good.count - 1) { #expect(good[i] >= good[i + 1]) }
        let qualities = [0.0, 0.1, 0.25, 0.5, 0.84, 0.85, 1.0]
        let script = """
            import json, math, sys
            qualities = json.load(sys.stdin)
            cond = math.log(math.exp(5) - 1)
            winners = [math.exp(math.log(5) * (i + 1) - math.lgamma(i + 2) - cond) for i in range(15)]
            def place(tq, k):
                p = 1 - tq
                total = 0.0
                for n, w in enumerate(winners):
                    if k > n: b = 0.0
                    elif p == 0: b = 1.0 if k == 0 else 0.0
                    elif p == 1: b = 1.0 if k == n else 0.0
                    else: b = math.comb(n, k) * p**k * (1 - p)**(n - k)
                    total += w * b
                return total
            print(json.dumps([[place(tq, k) for k in range(15)] for tq in qualities]))
            """
        let output = try PythonOracle.run(arguments: ["-c", script], input: try JSONSerialization.data(withJSONObject: qualities))
        let expected = try #require(try JSONSerialization.jsonObject(with: output) as? [[Double]])
        for (quality, row) in zip(qualities, expected) {
            let ours = BlockProbabilities.forTicketQuality(quality)
            for (a, b) in zip(ours, row) {
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "ticket quality \(quality)")
            }
        }
    }
}
