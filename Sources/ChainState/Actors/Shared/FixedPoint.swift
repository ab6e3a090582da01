import BigInt
import FilecoinTypes

/// Q.128 fixed-point arithmetic as specs-actors' `util/math` computes it (v0's `math` and
/// `reward.expneg`, v2's `math.Ln`, `math.ExpNeg`, `math.ExpBySquaring`): the same rational
/// approximations, evaluated with Go's rounding (floor shifts, Euclidean division), so the
/// results agree to the last bit.
///
/// A Q.128 value `x` stands for `x / 2^128`.
public enum FixedPoint {
    /// Fractional bits of a Q.128 value (`math.Precision128`).
    public static let precision = 128

    /// 1.0 in Q.128.
    public static let one = BigInt(1) << precision

    /// A decimal constant from the specs (always well formed; zero would fail every test that
    /// uses it).
    static func constant(_ decimal: String) -> BigInt { BigInt(decimal, radix: 10) ?? 0 }

    /// Evaluates the polynomial with Q.128 coefficients `p` (highest order first) at Q.128 `x`
    /// by Horner's method (`math.Polyval`).
    public static func polyval(_ p: [BigInt], _ x: BigInt) -> BigInt {
        guard var result = p.first else { return 0 }
        for coefficient in p.dropFirst() {
            result = GoBig.rsh(result * x, precision) + coefficient
        }
        return result
    }

    // MARK: ln

    static let lnNumerator: [BigInt] = [
        "261417938209272870992496419296200268025",
        "7266615505142943436908456158054846846897",
        "32458783941900493142649393804518050491988",
        "17078670566130897220338060387082146864806",
        "-35150353308172866634071793531642638290419",
        "-20351202052858059355702509232125230498980",
        "-1563932590352680681114104005183375350999",
    ].map(constant)

    static let lnDenominator: [BigInt] = [
        "49928077726659937662124949977867279384",
        "2508163877009111928787629628566491583994",
        "21757751789594546643737445330202599887121",
        "53400635271583923415775576342898617051826",
        "41248834748603606604000911015235164348839",
        "9015227820322455780436733526367238305537",
        "340282366920938463463374607431768211456",
    ].map(constant)

    /// ln(2) in Q.128.
    static let ln2 = constant("235865763225513294137944142764154484399")

    /// The natural logarithm of positive Q.128 `z`, in Q.128 (`math.Ln`).
    public static func ln(_ z: BigInt) -> BigInt {
        let k = Int64(z.bitWidthGo) - 1 - Int64(precision)
        let x = k > 0 ? GoBig.rsh(z, Int(k)) : z << Int(-k)
        return BigInt(k) * ln2 + lnBetweenOneAndTwo(x)
    }

    /// ln(x) for Q.128 x in [1, 2], by a rational approximation.
    static func lnBetweenOneAndTwo(_ x: BigInt) -> BigInt {
        let numerator = polyval(lnNumerator, x) << precision
        let denominator = polyval(lnDenominator, x)
        guard !denominator.isZero else { return 0 }
        return GoBig.div(numerator, denominator)
    }

    // MARK: exp

    /// go-state-types `math.ExpNeg`'s rational approximation (Q.128 coefficients).
    static let expNumerator = ExpNegApproximation.numerator
    static let expDenominator = ExpNegApproximation.denominator

    /// e^-x for Q.128 `x`, in Q.128 (`math.ExpNeg`; v0's `reward.expneg` is the same).
    /// Most precise on [0, 1.725).
    public static func expNeg(_ x: BigInt) -> BigInt {
        let numerator = polyval(expNumerator, x) << precision
        let denominator = polyval(expDenominator, x)
        guard !denominator.isZero else { return 0 }
        return GoBig.div(numerator, denominator)
    }

    /// Q.128 `base` to the integer power `n`, in Q.128 (`math.ExpBySquaring`, v2).
    public static func expBySquaring(_ base: BigInt, _ n: Int64) -> BigInt {
        if n == 0 { return one }
        if n == 1 { return base }
        if n < 0 {
            guard !base.isZero else { return 0 }
            return expBySquaring(GoBig.div(one << precision, base), -n)
        }
        let squared = GoBig.rsh(base * base, precision)
        if n % 2 == 0 { return expBySquaring(squared, n / 2) }
        return GoBig.rsh(base * expBySquaring(squared, (n - 1) / 2), precision)
    }
}

extension BigInt {
    /// Go's `BitLen`: the bit length of the absolute value (0 for 0).
    var bitWidthGo: Int { magnitude.bitWidth }
}
