import BigInt
import FilecoinCrypto
import Foundation

/// Expected Consensus's leader election, exactly as Lotus's `chain/types/electionproof.go`: the
/// number of times a miner wins an epoch is drawn from a Poisson distribution of rate
/// λ = power · blocksPerEpoch / totalPower by the VRF proof's hash, in Q.256 fixed point.
///
/// Every operation reproduces Go's `math/big` rounding (`GoBig`'s floor shifts and Euclidean division), so
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

    /// e^-x's rational approximation (`ExpNegApproximation`), its coefficients moved from
    /// Q.128 to Q.256.
    static let expNumerator = ExpNegApproximation.numerator.map { $0 << (precision - 128) }
    static let expDenominator = ExpNegApproximation.denominator.map { $0 << (precision - 128) }

    /// e^-x for x in Q.256; precise to 3.4e-30 on [0, 1.725) and 4.6e-15 on [0, 5).
    static func expneg(_ x: BigInt) -> BigInt {
        let numerator = polyval(expNumerator, x) << precision
        return GoBig.div(numerator, polyval(expDenominator, x))
    }

    /// Horner's evaluation of Q.256 coefficients at a Q.256 point.
    static func polyval(_ coefficients: [BigInt], _ x: BigInt) -> BigInt {
        var result = coefficients[0]
        for coefficient in coefficients.dropFirst() {
            result = GoBig.rsh(result * x, precision) + coefficient
        }
        return result
    }

    /// λ = power · blocksPerEpoch / totalPower in Q.256.
    static func lambda(power: BigInt, totalPower: BigInt, blocksPerEpoch: Int64) -> BigInt {
        GoBig.div((power * BigInt(blocksPerEpoch)) << precision, totalPower)
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
        pmf = GoBig.rsh(GoBig.div(pmf, BigInt(k)) * lambda, ElectionMath.precision)
        icdf -= pmf
        return icdf
    }
}
