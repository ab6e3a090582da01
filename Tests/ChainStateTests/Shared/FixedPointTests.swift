import BigInt
import FilecoinTypes
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
        let estimate = FilterEstimate(wholePosition: 1000, wholeVelocity: -3)
        #expect(estimate.estimate == 1000)
        #expect(try FilterEstimate(cborBytes: estimate.cborBytes) == estimate)
        // A constant observation keeps a zero-velocity estimate where it is.
        let steady = FilterEstimate(wholePosition: 5, wholeVelocity: 0).next(observation: 5, epochDelta: 1)
        #expect(steady.estimate == 5)
        #expect(steady.velocity == 0)
    }

    @Test func expBySquaringMatchesSpecsActors() {
        let one = FixedPoint.one
        func q(_ value: BigInt) -> BigInt { value << 128 }
        #expect(FixedPoint.expBySquaring(q(3), 0) == one)
        #expect(FixedPoint.expBySquaring(one, 1) == one)
        #expect(FixedPoint.expBySquaring(q(3), 1) == q(3))
        #expect(FixedPoint.expBySquaring(q(2), 46) == q(70_368_744_177_664))
        #expect(FixedPoint.expBySquaring(q(3), 20) == q(3_486_784_401))
        #expect(FixedPoint.expBySquaring(q(5), 9) == q(1_953_125))
        #expect(FixedPoint.expBySquaring(q(7), 6) == q(117_649))
        // A negative exponent inverts: 2^-1 = 0.5.
        #expect(FixedPoint.expBySquaring(q(2), -1) == one / 2)
    }

    /// specs-actors `smoothing.TestingConstantEstimate`: position only.
    private func constant(_ value: BigInt) -> FilterEstimate { FilterEstimate(wholePosition: value, wholeVelocity: 0) }

    @Test func cumSumRatioOfConstantEstimates() {
        let csr = FilterEstimate.extrapolatedCumSumOfRatio(delta: 1000, relativeStart: 0, num: constant(4_000_000), denom: constant(1))
        #expect(GoBig.rsh(csr, 128) == 4_000_000_000)
        // Zero velocity: the start does not matter.
        let later = FilterEstimate.extrapolatedCumSumOfRatio(
            delta: 1000, relativeStart: 1_000_000_000_000_000, num: constant(4_000_000), denom: constant(1))
        #expect(GoBig.rsh(later, 128) == GoBig.rsh(csr, 128))
        // 1e12 / 200e12 over 100 epochs is 1/2: zero in Q.0, 5000 after scaling by 10k.
        let fraction = FilterEstimate.extrapolatedCumSumOfRatio(
            delta: 100, relativeStart: 0, num: constant(1_000_000_000_000), denom: constant(200_000_000_000_000))
        #expect(GoBig.rsh(fraction, 128) == 0)
        #expect(GoBig.rsh(fraction * (BigInt(10_000) << 128), 256) == 5000)
    }

    /// The analytic cumsum of ratio against the trapezoid rule (specs-actors'
    /// TestCumSumRatioProjection), within 350 parts per million.
    @Test func cumSumRatioAgreesWithTheTrapezoidRule() {
        func iterative(_ num: FilterEstimate, _ denom: FilterEstimate, t0: Int64, delta: Int64) -> BigInt {
            var ratio: BigInt = 0
            for i in Int64(0)..<delta {
                let numerator = num.extrapolate(t0 + i)
                let denominator = GoBig.rsh(denom.extrapolate(t0 + i), 128)
                var epsilon = GoBig.div(numerator, denominator)
                if i != 0 && i != delta - 1 { epsilon *= 2 }
                ratio += epsilon
            }
            return GoBig.div(ratio, 2)
        }
        let cases: [(FilterEstimate, FilterEstimate, Int64)] = [
            (FilterEstimate(wholePosition: 111, wholeVelocity: 33), FilterEstimate(wholePosition: 3456, wholeVelocity: 8), 10_000),
            (
                FilterEstimate(wholePosition: 1_000_000, wholeVelocity: -100),
                FilterEstimate(wholePosition: 70_000, wholeVelocity: 1000), 100_000
            ),
        ]
        for (num, denom, delta) in cases {
            let analytic = FilterEstimate.extrapolatedCumSumOfRatio(delta: delta, relativeStart: 0, num: num, denom: denom)
            let trapezoid = iterative(num, denom, t0: 0, delta: delta)
            let error = GoBig.div(BigInt((analytic - trapezoid).magnitude) * 1_000_000, BigInt(trapezoid.magnitude))
            #expect(error < 350, "analytic \(analytic) trapezoid \(trapezoid)")
        }
    }
}
