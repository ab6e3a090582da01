import BigInt
import FilecoinCrypto
import Foundation

/// Expected Consensus's leader election, exactly as Lotus's `chain/types/electionproof.go`: the
/// number of times a miner wins an epoch is drawn from a Poisson distribution of rate
/// λ = power · blocksPerEpoch / totalPower by the VRF proof's hash, in Q.256 fixed point.
///
/// Every operation reproduces Go's `math/big` rounding (floor shifts and Euclidean division), so
/// the win count of a block is the one every Lotus node computes from the same proof.
extension ElectionProof {
    /// Lotus's `MaxWinCount` for `blocksPerEpoch` expected blocks.
    public static func maxWinCount(blocksPerEpoch: Int64) -> Int64 { 3 * blocksPerEpoch }

    /// How many times this proof wins with `power` of `totalPower` (Lotus `ComputeWinCount`).
    /// No power, or no total power, wins nothing (Lotus would divide by zero on the latter).
    public func computeWinCount(power: BigInt, totalPower: BigInt, blocksPerEpoch: Int64 = 5) -> Int64 {
        guard power > 0, totalPower > 0, blocksPerEpoch > 0 else { return 0 }
        // The hash read big-endian as a Q.256 number in [0, 1).
        let hash = BigInt(BigUInt(Data(Blake2b.hash256(vrfProof))))
        var poisson = PoissonInverseCDF(lambda: ElectionMath.lambda(power: power, totalPower: totalPower, blocksPerEpoch: blocksPerEpoch))
        var rhs = poisson.icdf
        var wins: Int64 = 0
        let limit = Self.maxWinCount(blocksPerEpoch: blocksPerEpoch)
        while hash < rhs && wins < limit {
            rhs = poisson.next()
            wins += 1
        }
        return wins
    }
}

/// The Q.256 fixed-point arithmetic of the election.
enum ElectionMath {
    static let precision = 256

    /// The numerator of the rational approximation of e^-x, highest order first, in Q.256
    /// (Lotus's integer parameters are Q.128).
    static let expNumerator: [BigInt] = q128ToQ256([
        "-648770010757830093818553637600",
        "67469480939593786226847644286976",
        "-3197587544499098424029388939001856",
        "89244641121992890118377641805348864",
        "-1579656163641440567800982336819953664",
        "17685496037279256458459817590917169152",
        "-115682590513835356866803355398940131328",
        "340282366920938463463374607431768211456",
    ])

    static let expDenominator: [BigInt] = q128ToQ256([
        "1225524182432722209606361",
        "114095592300906098243859450",
        "5665570424063336070530214243",
        "194450132448609991765137938448",
        "5068267641632683791026134915072",
        "104716890604972796896895427629056",
        "1748338658439454459487681798864896",
        "23704654329841312470660182937960448",
        "259380097567996910282699886670381056",
        "2250336698853390384720606936038375424",
        "14978272436876548034486263159246028800",
        "72144088983913131323343765784380833792",
        "224599776407103106596571252037123047424",
        "340282366920938463463374607431768211456",
    ])

    private static func q128ToQ256(_ decimals: [StaticString]) -> [BigInt] {
        decimals.map { decimal in
            // The literals are constants of this file; each parses.
            let value = BigInt(decimal.description, radix: 10) ?? 0
            return value << (precision - 128)
        }
    }

    /// e^-x for x in Q.256; precise to 3.4e-30 on [0, 1.725) and 4.6e-15 on [0, 5).
    static func expneg(_ x: BigInt) -> BigInt {
        let numerator = polyval(expNumerator, x) << precision
        return euclideanQuotient(numerator, polyval(expDenominator, x))
    }

    /// Horner's evaluation of Q.256 coefficients at a Q.256 point.
    static func polyval(_ coefficients: [BigInt], _ x: BigInt) -> BigInt {
        var result = coefficients[0]
        for coefficient in coefficients.dropFirst() {
            result = floorShiftRight(result * x, precision) + coefficient
        }
        return result
    }

    /// λ = power · blocksPerEpoch / totalPower in Q.256.
    static func lambda(power: BigInt, totalPower: BigInt, blocksPerEpoch: Int64) -> BigInt {
        euclideanQuotient((power * BigInt(blocksPerEpoch)) << precision, totalPower)
    }

    /// `x >> n` rounding toward negative infinity, as Go's `big.Int.Rsh` (attaswift's `>>`
    /// truncates the magnitude of a negative number instead).
    static func floorShiftRight(_ x: BigInt, _ n: Int) -> BigInt {
        guard x.sign == .minus else { return x >> n }
        return -((-x + (BigInt(1) << n) - 1) >> n)
    }

    /// Go's `big.Int.Div`: Euclidean division (the remainder is never negative).
    static func euclideanQuotient(_ x: BigInt, _ y: BigInt) -> BigInt {
        let (quotient, remainder) = x.quotientAndRemainder(dividingBy: y)
        guard remainder.sign == .minus, !remainder.isZero else { return quotient }
        return y.sign == .minus ? quotient + 1 : quotient - 1
    }
}

/// The upper tail of a Poisson distribution, 1 - CDF(k), stepped one k at a time in Q.256
/// (Lotus's `poiss`): pmf(k) = pmf(k-1) / k · λ, icdf(k) = icdf(k-1) - pmf(k).
struct PoissonInverseCDF {
    let lambda: BigInt
    private(set) var pmf: BigInt
    private(set) var icdf: BigInt
    private(set) var k: Int64 = 0

    init(lambda: BigInt) {
        self.lambda = lambda
        pmf = ElectionMath.expneg(lambda)
        icdf = (BigInt(1) << ElectionMath.precision) - pmf
    }

    /// Steps to k + 1 and returns 1 - CDF(k + 1).
    mutating func next() -> BigInt {
        k += 1
        pmf = ElectionMath.floorShiftRight(ElectionMath.euclideanQuotient(pmf, BigInt(k)) * lambda, ElectionMath.precision)
        icdf -= pmf
        return icdf
    }
}
