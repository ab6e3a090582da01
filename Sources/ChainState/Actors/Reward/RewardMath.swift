import BigInt
import FilecoinTypes

/// The reward curve of specs-actors' `reward_logic.go`: baseline power growth, effective
/// network time (theta) and the minting functions, in Q.128 with Go's rounding.
///
/// v0 switches the baseline exponent at network version 3 (200% to 100% yearly growth) and
/// starts the baseline at 1 EiB; v2 uses the 100% exponent always and starts at 2.5 EiB.
public enum RewardMath {
    /// e^(ln 3 / epochsInYear) in Q.128: 200% yearly growth (v0 before network version 3).
    public static let baselineExponentV0 = FixedPoint.constant("340282722551251692435795578557183609728")
    /// e^(ln 2 / epochsInYear) in Q.128: 100% yearly growth (v0 from network version 3, v2).
    public static let baselineExponentV3 = FixedPoint.constant("340282591298641078465964189926313473653")
    /// 1 EiB (v0).
    public static let baselineInitialValueV0 = BigInt(1) << 60
    /// 2.5057116798121726 EiB (v2).
    public static let baselineInitialValueV2 = BigInt(2_888_888_880_000_000_000 as UInt64)

    /// ln(2) / (6 * epochsInYear) in Q.128.
    public static let lambda = FixedPoint.constant("37396271439864487274534522888786")
    /// e^lambda - 1 in Q.128.
    public static let expLamSubOne = FixedPoint.constant("37396273494747879394193016954629")

    /// 330M FIL: the simple minting total (a constant in v0, state in v2).
    public static let simpleTotal = BigInt(330_000_000) * BigInt(1_000_000_000_000_000_000 as UInt64)
    /// 770M FIL: the baseline minting total.
    public static let baselineTotal = BigInt(770_000_000) * BigInt(1_000_000_000_000_000_000 as UInt64)

    /// Reward position estimate at genesis (Q.0 attoFIL).
    public static let initialRewardPositionEstimate = FixedPoint.constant("36266260308195979333")
    /// Reward velocity estimate at genesis (Q.0 attoFIL per epoch).
    public static let initialRewardVelocityEstimate = BigInt(-109_897_758_509)

    /// The baseline initial value of an actors version.
    public static func baselineInitialValue(actorsVersion: Int) -> BigInt {
        actorsVersion >= 2 ? baselineInitialValueV2 : baselineInitialValueV0
    }

    /// The baseline exponent in effect: v0 switches at network version 3.
    public static func baselineExponent(actorsVersion: Int, networkVersion: UInt64) -> BigInt {
        actorsVersion >= 2 || networkVersion >= 3 ? baselineExponentV3 : baselineExponentV0
    }

    /// Baseline power at epoch -1, so that epoch 0's is the initial value (`InitBaselinePower`).
    /// v0 computes it with the v0 exponent, v2 with its own.
    public static func initBaselinePower(actorsVersion: Int) -> BigInt {
        let exponent = actorsVersion >= 2 ? baselineExponentV3 : baselineExponentV0
        let initial256 = baselineInitialValue(actorsVersion: actorsVersion) << (2 * FixedPoint.precision)
        return GoBig.rsh(GoBig.div(initial256, exponent), FixedPoint.precision)
    }

    /// Baseline power one epoch after `previous` (`BaselinePowerFromPrev`).
    public static func baselinePowerFromPrev(_ previous: BigInt, exponent: BigInt) -> BigInt {
        GoBig.rsh(previous * exponent, FixedPoint.precision)
    }

    /// Fractional effective network time in Q.128 (`computeRTheta`).
    public static func rTheta(
        effectiveNetworkTime: Int64, baselinePowerAtEffectiveNetworkTime: BigInt, cumsumRealized: BigInt,
        cumsumBaseline: BigInt
    ) -> BigInt {
        guard effectiveNetworkTime != 0 else { return 0 }
        let theta = BigInt(effectiveNetworkTime) << FixedPoint.precision
        guard !baselinePowerAtEffectiveNetworkTime.isZero else { return theta }
        let diff = GoBig.div((cumsumBaseline - cumsumRealized) << FixedPoint.precision, baselinePowerAtEffectiveNetworkTime)
        return theta - diff
    }

    /// The reward for all expected leaders as theta moves from `prevTheta` to `currTheta` at
    /// `epoch` (`computeReward`), in attoFIL.
    public static func reward(
        epoch: Int64, prevTheta: BigInt, currTheta: BigInt, simpleTotal: BigInt, baselineTotal: BigInt
    ) -> BigInt {
        let p = FixedPoint.precision
        var simpleReward = simpleTotal * expLamSubOne
        let epochLambda = BigInt(epoch) * lambda
        simpleReward = GoBig.rsh(simpleReward * FixedPoint.expNeg(epochLambda), p)
        let baselineReward =
            baselineSupply(theta: currTheta, baselineTotal: baselineTotal)
            - baselineSupply(theta: prevTheta, baselineTotal: baselineTotal)
        return GoBig.rsh(simpleReward + baselineReward, p)
    }

    /// Baseline supply minted by effective time `theta` (Q.128), in Q.128 (`computeBaselineSupply`).
    public static func baselineSupply(theta: BigInt, baselineTotal: BigInt) -> BigInt {
        let thetaLambda = GoBig.rsh(theta * lambda, FixedPoint.precision)
        let oneSub = FixedPoint.one - FixedPoint.expNeg(thetaLambda)
        return baselineTotal * oneSub
    }
}
