import BigInt
import DagCBOR
import FilecoinTypes

/// An alpha-beta filter's estimate of a value and its rate of change, both Q.128
/// (specs-actors `smoothing.FilterEstimate`). CBOR: `[PositionEstimate, VelocityEstimate]`,
/// each a serialised big integer.
public struct FilterEstimate: CBORCodable, Hashable, Sendable {
    public var position: BigInt
    public var velocity: BigInt

    /// Fractional bits of both values.
    public static let precision = FixedPoint.precision

    /// From raw Q.128 values.
    public init(position: BigInt, velocity: BigInt) {
        self.position = position
        self.velocity = velocity
    }

    /// From Q.0 values (`smoothing.NewEstimate`).
    public init(wholePosition: BigInt, wholeVelocity: BigInt) {
        self.position = wholePosition << FixedPoint.precision
        self.velocity = wholeVelocity << FixedPoint.precision
    }

    /// Position and velocity zero (`smoothing.DefaultInitialEstimate`).
    public static let zero = FilterEstimate(position: 0, velocity: 0)

    /// Alpha 9.25e-4 in Q.128 (`smoothing.DefaultAlpha`).
    public static let defaultAlpha = FixedPoint.constant("314760000000000000000000000000000000")
    /// Beta 2.84e-7 in Q.128 (`smoothing.DefaultBeta`).
    public static let defaultBeta = FixedPoint.constant("96640100000000000000000000000000")
    /// 2^-50 in Q.128 (`smoothing.ExtrapolatedCumSumRatioEpsilon`).
    public static let cumSumRatioEpsilon = FixedPoint.constant("302231454903657293676544")

    /// The Q.0 position estimate (`Estimate()`).
    public var estimate: BigInt { GoBig.rsh(position, FixedPoint.precision) }

    /// The next estimate after observing `observation` (Q.0) `epochDelta` epochs later
    /// (`AlphaBetaFilter.NextEstimate`).
    public func next(
        observation: BigInt, epochDelta: Int64, alpha: BigInt = FilterEstimate.defaultAlpha,
        beta: BigInt = FilterEstimate.defaultBeta
    ) -> FilterEstimate {
        let p = FixedPoint.precision
        let deltaT = BigInt(epochDelta) << p
        var nextPosition = position + GoBig.rsh(deltaT * velocity, p)
        let residual = (observation << p) - nextPosition
        nextPosition += GoBig.rsh(alpha * residual, p)
        // epochDelta is at least 1 at every call site; Go would panic on zero.
        let revisionV = deltaT.isZero ? 0 : GoBig.div(beta * residual, deltaT)
        return FilterEstimate(position: nextPosition, velocity: velocity + revisionV)
    }

    /// ``next(observation:epochDelta:alpha:beta:)`` under its specs-actors name.
    public func nextEstimate(observation: BigInt, epochDelta: Int64, alpha: BigInt, beta: BigInt) -> FilterEstimate {
        next(observation: observation, epochDelta: epochDelta, alpha: alpha, beta: beta)
    }

    /// The integral of `num / denom` over `delta` epochs starting `relativeStart` epochs after
    /// the estimates, in Q.128 (`smoothing.ExtrapolatedCumSumOfRatio`). A zero denominator
    /// position gives zero where Go would panic (callers check the estimates first).
    public static func extrapolatedCumSumOfRatio(
        delta: Int64, relativeStart: Int64, num numerator: FilterEstimate, denom denominator: FilterEstimate
    ) -> BigInt {
        let p = FixedPoint.precision
        let deltaT = BigInt(delta) << p
        let t0 = BigInt(relativeStart) << p
        let position1 = numerator.position
        let position2 = denominator.position
        let velocity1 = numerator.velocity
        let velocity2 = denominator.velocity

        let squaredVelocity2 = GoBig.rsh(velocity2 * velocity2, p)
        if squaredVelocity2 > cumSumRatioEpsilon {
            var x2a = position2 + GoBig.rsh(t0 * velocity2, p)
            var x2b = x2a + GoBig.rsh(deltaT * velocity2, p)
            x2a = FixedPoint.ln(x2a)
            x2b = FixedPoint.ln(x2b)

            let m1 = GoBig.rsh(velocity2 * (position1 * (x2b - x2a)), p)
            let m2L = position2 * (x2a - x2b)
            let m2R = velocity2 * deltaT
            let m2 = GoBig.rsh(velocity1 * (m2L + m2R), p)
            return GoBig.div(m1 + m2, squaredVelocity2)
        }

        let halfDeltaT = GoBig.rsh(deltaT, 1)
        let x1m = position1 + GoBig.rsh(velocity1 * (t0 + halfDeltaT), p)
        guard !position2.isZero else { return 0 }
        return GoBig.div(x1m * deltaT, position2)
    }

    /// The position `delta` epochs ahead, in Q.256 (`Extrapolate`, used by tests).
    public func extrapolate(_ delta: Int64) -> BigInt {
        let p = FixedPoint.precision
        return (position << p) + velocity * (BigInt(delta) << p)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        position = try FilecoinBigInt.decode(from: &reader)
        velocity = try FilecoinBigInt.decode(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        FilecoinBigInt.encode(position, to: &writer)
        FilecoinBigInt.encode(velocity, to: &writer)
    }
}
