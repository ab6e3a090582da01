import BigInt
@testable import ChainState
import Testing

/// Q.128 math against specs-actors v2 `util/math` tests (ln_test.go, the ExpNeg golden file)
/// and Go's rounding rules.
struct FixedPointTests {
    private func big(_ text: String) -> BigInt { BigInt(text, radix: 10) ?? -1 }

    @Test func goRoundingMatchesMathBig() {
        #expect(GoBig.rsh(-3, 1) == -2)
        #expect(GoBig.rsh(-4, 1) == -2)
        #expect(GoBig.rsh(-1, 5) == -1)
        #expect(GoBig.rsh(7, 1) == 3)
        #expect(GoBig.div(-7, 2) == -4)
        #expect(GoBig.div(7, -2) == -3)
        #expect(GoBig.div(-7, -2) == 4)
        #expect(GoBig.mod(-7, 2) == 1)
        #expect(GoBig.mod(-7, -2) == 1)
    }

    @Test func naturalLogMatchesSpecsActors() {
        let cases: [(String, String)] = [
            ("340282366920938463463374607431768211456", "0"),
            ("924990000000000000000000000000000000000", "340282366920938463463374607431768211456"),
            ("34028236692093846346337460743176821145600000000000000000000", "15670582109617661336106769654068947397831"),
            ("6805647338418769269267492148635364229120000000000000000000000", "17473506083804940763855390762239996622013"),
            ("204169000000000000000000000000000000", "-2524410000000000000000000000000000000000"),
            ("34028236692093846346337460743", "-7835291054808830668053384827034473698915"),
        ]
        for (input, expected) in cases {
            #expect(GoBig.rsh(FixedPoint.ln(big(input)), 128) == GoBig.rsh(big(expected), 128), "ln(\(input))")
        }
    }

    @Test func expNegMatchesGoldenRows() {
        let rows: [(String, String)] = [
            ("0", "340282366920938463463374607431768211456"),
            ("6672203272959577714968129557485651205", "333675151952254443967925531155694867881"),
            ("653875920750038616066876696633593818090", "49809570109237524602873041289713970455"),
            ("1701411834604692317316873037158841057275", "2292804553034967735506083028203183696"),
        ]
        for (x, y) in rows {
            #expect(FixedPoint.expNeg(big(x)) == big(y), "expneg(\(x))")
        }
    }

    @Test func filterEstimateRoundTripsAndEstimates() throws {
        let estimate = FilterEstimate(position: 1000, velocity: -3)
        #expect(estimate.estimate == 1000)
        #expect(try FilterEstimate(cborBytes: estimate.cborBytes) == estimate)
        // A constant observation keeps a zero-velocity estimate where it is.
        let steady = FilterEstimate(position: 5, velocity: 0).next(observation: 5, epochDelta: 1)
        #expect(steady.estimate == 5)
        #expect(steady.velocity == 0)
    }
}
