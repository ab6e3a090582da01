import BigInt

/// Lotus's `getGasReward` and `getGasPerf` in 128-bit integers, with Go's rounding.
enum GasPerformance {
    /// Lotus `BlockGasLimit`.
    static let blockGasLimit: Int64 = 10_000_000_000

    /// Base fees are clamped to 2^80 attoFIL per gas unit (a million FIL): no chain gets near
    /// it, and below it every reward of a payable message fits in 128 bits.
    static let baseFeeCeiling: Int128 = 1 << 80

    static func clampedBaseFee(_ baseFee: BigInt) -> Int128 {
        if baseFee.signum() <= 0 { return 0 }
        return Int128(exactly: baseFee).map { min($0, baseFeeCeiling) } ?? baseFeeCeiling
    }

    /// The miner's reward for including a message: min(premium, fee cap - base fee) × gas limit,
    /// tripled when negative (Lotus's penalty multiplier).
    static func reward(_ figures: SelectionFigures, baseFee: Int128) -> Int128 {
        var maxPremium = figures.feeCap - baseFee
        if maxPremium > figures.premium { maxPremium = figures.premium }
        let reward = maxPremium * Int128(figures.gasLimit)
        return reward < 0 ? reward * 3 : reward
    }

    /// reward × block gas limit / gas limit as the float64 nearest to the exact quotient (Lotus
    /// computes it with `big.Rat` and `Float64`, ties to even).
    static func performance(reward: Int128, gasLimit: Int64) -> Double {
        guard gasLimit > 0 else { return 0 }
        let magnitude = reward.magnitude
        let exact: Double
        if magnitude < (1 << 93) {
            // < 2^93 × 10^10 < 2^127: the product fits.
            exact = nearestQuotient(magnitude * UInt128(UInt64(blockGasLimit)), UInt64(gasLimit))
        } else {
            exact = nearestQuotient(BigInt(magnitude) * BigInt(blockGasLimit), BigInt(gasLimit))
        }
        return reward < 0 ? -exact : exact
    }

    /// The float64 nearest to n / d: n is scaled so the quotient has at least 62 significant
    /// bits, and every bit below the 64 kept (and a nonzero remainder) is folded into the lowest
    /// kept bit, so the hardware conversion of those 64 bits rounds as the exact quotient would.
    /// Two 128-by-64-bit divisions, no software 128-bit division.
    static func nearestQuotient(_ n: UInt128, _ d: UInt64) -> Double {
        if n == 0 { return 0 }
        let shift = max(0, n.leadingZeroBitCount - 1)
        let scaled = n << shift
        let (quotientHigh, remainderHigh) = UInt64(truncatingIfNeeded: scaled >> 64).quotientAndRemainder(dividingBy: d)
        let (quotientLow, remainder) = d.dividingFullWidth((high: remainderHigh, low: UInt64(truncatingIfNeeded: scaled)))
        var top: UInt64
        var inexact = remainder != 0
        var exponent = -shift
        if quotientHigh == 0 {
            top = quotientLow
        } else {
            let extra = 64 - quotientHigh.leadingZeroBitCount
            if extra == 64 {
                top = quotientHigh
                inexact = inexact || quotientLow != 0
            } else {
                top = (quotientHigh << (64 - extra)) | (quotientLow >> extra)
                inexact = inexact || quotientLow & ((1 << extra) - 1) != 0
            }
            exponent += extra
        }
        if inexact { top |= 1 }
        return Double(top) * pow2(exponent)
    }

    static func nearestQuotient(_ n: BigInt, _ d: BigInt) -> Double {
        // n has more than 127 bits; shift the divisor up instead so the quotient keeps ~100 bits.
        let shift = max(0, n.bitWidth - d.bitWidth - 100)
        let (q, r) = n.quotientAndRemainder(dividingBy: d << shift)
        // About 100 bits: converted through UInt128, whose conversion rounds to nearest.
        guard let quotient = UInt128(exactly: q) else { return .infinity }
        return Double(r.isZero ? quotient : (quotient | 1)) * pow2(shift)
    }

    private static func pow2(_ exponent: Int) -> Double {
        Double(sign: .plus, exponent: exponent, significand: 1)
    }
}
