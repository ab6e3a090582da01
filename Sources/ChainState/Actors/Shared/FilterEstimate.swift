import BigInt
import DagCBOR
import FilecoinTypes

/// specs-actors' `smoothing.FilterEstimate`: an alpha-beta filter's position and velocity, both
/// Q.128 fixed point, CBOR `[PositionEstimate, VelocityEstimate]` (v0 and v2 alike).
///
/// The arithmetic follows go-state-types `big` exactly: `Div` is Euclidean, `Rsh` an arithmetic
/// shift, so every result is the same integer Lotus computes.
public struct FilterEstimate: CBORCodable, Sendable, Hashable {
    public var position: BigInt
    public var velocity: BigInt

    public static let precision = 128

    public init(position: BigInt, velocity: BigInt) {
        self.position = position
        self.velocity = velocity
    }

    /// `NewEstimate`: Q.0 values lifted to Q.128.
    public init(wholePosition: BigInt, wholeVelocity: BigInt) {
        self.position = wholePosition << Self.precision
        self.velocity = wholeVelocity << Self.precision
    }

    public static let zero = FilterEstimate(position: 0, velocity: 0)

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

    /// The position as an integer (Q.128 → Q.0).
    public var estimate: BigInt { Self.rsh(position, Self.precision) }

    /// `Extrapolate`: position + velocity × delta, in Q.256.
    public func extrapolate(_ delta: Int64) -> BigInt {
        (position << Self.precision) + velocity * (BigInt(delta) << Self.precision)
    }

    /// `AlphaBetaFilter.NextEstimate` with the given Q.128 `alpha` and `beta`.
    public func nextEstimate(observation: BigInt, epochDelta: Int64, alpha: BigInt, beta: BigInt) -> FilterEstimate {
        let deltaT = BigInt(epochDelta) << Self.precision
        var nextPosition = position + Self.rsh(deltaT * velocity, Self.precision)
        let residual = (observation << Self.precision) - nextPosition
        nextPosition += Self.rsh(alpha * residual, Self.precision)
        let nextVelocity = velocity + Self.div(beta * residual, deltaT)
        return FilterEstimate(position: nextPosition, velocity: nextVelocity)
    }

    /// Q.128 of 9.25e-4 and 2.84e-7: the filter constants of reward and power.
    public static let defaultAlpha = BigInt("314760000000000000000000000000000000") ?? 0
    public static let defaultBeta = BigInt("96640100000000000000000000000000") ?? 0
    static let cumSumRatioEpsilon = BigInt("302231454903657293676544") ?? 0
    static let ln2 = BigInt("235865763225513294137944142764154484399") ?? 0
    static let lnNumerator: [BigInt] = [
        "261417938209272870992496419296200268025", "7266615505142943436908456158054846846897",
        "32458783941900493142649393804518050491988", "17078670566130897220338060387082146864806",
        "-35150353308172866634071793531642638290419", "-20351202052858059355702509232125230498980",
        "-1563932590352680681114104005183375350999",
    ].map { BigInt($0) ?? 0 }
    static let lnDenominator: [BigInt] = [
        "49928077726659937662124949977867279384", "2508163877009111928787629628566491583994",
        "21757751789594546643737445330202599887121", "53400635271583923415775576342898617051826",
        "41248834748603606604000911015235164348839", "9015227820322455780436733526367238305537",
        "340282366920938463463374607431768211456",
    ].map { BigInt($0) ?? 0 }

    /// `ExtrapolatedCumSumOfRatio`: the integral of num/denom over `delta` epochs from
    /// `relativeStart`, Q.128.
    public static func extrapolatedCumSumOfRatio(delta: Int64, relativeStart: Int64, num: FilterEstimate, denom: FilterEstimate) -> BigInt {
        let deltaT = BigInt(delta) << precision
        let t0 = BigInt(relativeStart) << precision
        let position1 = num.position, velocity1 = num.velocity
        let position2 = denom.position, velocity2 = denom.velocity
        let squaredVelocity2 = rsh(velocity2 * velocity2, precision)
        if squaredVelocity2 > cumSumRatioEpsilon {
            var x2a = position2 + rsh(t0 * velocity2, precision)
            var x2b = x2a + rsh(deltaT * velocity2, precision)
            x2a = ln(x2a)
            x2b = ln(x2b)
            let m1 = rsh(velocity2 * (position1 * (x2b - x2a)), precision)
            let m2 = rsh(velocity1 * (position2 * (x2a - x2b) + velocity2 * deltaT), precision)
            return div(m1 + m2, squaredVelocity2)
        }
        let halfDeltaT = rsh(deltaT, 1)
        let x1m = position1 + rsh(velocity1 * (t0 + halfDeltaT), precision)
        return div(x1m * deltaT, position2)
    }

    /// Natural logarithm of a Q.128 value, Q.128 (`math.Ln`).
    static func ln(_ z: BigInt) -> BigInt {
        let k = Int64(z.magnitude.bitWidth) - 1 - Int64(precision)
        let x = k > 0 ? rsh(z, Int(k)) : z << Int(-k)
        return BigInt(k) * ln2 + lnBetweenOneAndTwo(x)
    }

    private static func lnBetweenOneAndTwo(_ x: BigInt) -> BigInt {
        let num = polyval(lnNumerator, x) << precision
        return div(num, polyval(lnDenominator, x))
    }

    private static func polyval(_ coefficients: [BigInt], _ x: BigInt) -> BigInt {
        guard var result = coefficients.first else { return 0 }
        for c in coefficients.dropFirst() { result = rsh(result * x, precision) + c }
        return result
    }

    /// go-state-types `big.Div` (Euclidean); zero for a zero divisor, where Go would panic.
    static func div(_ a: BigInt, _ b: BigInt) -> BigInt {
        guard !b.isZero else { return 0 }
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        guard remainder.sign == .minus, !remainder.isZero else { return quotient }
        return b.sign == .minus ? quotient + 1 : quotient - 1
    }

    /// `big.Rsh`: an arithmetic shift.
    static func rsh(_ a: BigInt, _ n: Int) -> BigInt {
        guard a.sign == .minus, !a.isZero else { return a >> n }
        let magnitude = -a
        let shifted = magnitude >> n
        return (shifted << n) == magnitude ? -shifted : -(shifted + 1)
    }
}
