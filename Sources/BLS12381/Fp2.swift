/// An element c0 + c1·u of GF(p^2) = GF(p)[u] / (u^2 + 1).
///
/// Invariant: both coefficients are reduced Fp values. G2 coordinates live here.
struct Fp2: FieldElement {
    var c0: Fp
    var c1: Fp

    @inline(__always)
    init(_ c0: Fp, _ c1: Fp) { self.c0 = c0; self.c1 = c1 }

    static let zero = Fp2(.zero, .zero)
    static let one = Fp2(.one, .zero)

    @_transparent
    static func + (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 + b.c0, a.c1 + b.c1) }
    @_transparent
    static func - (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 - b.c0, a.c1 - b.c1) }
    @_transparent
    static prefix func - (a: Fp2) -> Fp2 { Fp2(-a.c0, -a.c1) }
    @_transparent
    var doubled: Fp2 { Fp2(c0.doubled, c1.doubled) }

    /// Karatsuba with lazy reduction: three 768-bit products, combined at full width, then two
    /// Montgomery reductions instead of three. Bounds (inputs reduced): a0b0 - a1b1 is made
    /// non-negative by adding p·2^384 and stays below p·R; (a0 + a1)(b0 + b1) - a0b0 - a1b1 =
    /// a0b1 + a1b0 < 2p^2 < p·R.
    @inline(never)
    static func * (a: Fp2, b: Fp2) -> Fp2 {
        let aa = Fp.mulWide(a.c0, b.c0)
        let bb = Fp.mulWide(a.c1, b.c1)
        let cross = Fp.mulWide(a.c0.addingUnreduced(a.c1), b.c0.addingUnreduced(b.c1))
        let c0 = FpWide.subtractingModular(aa, bb)
        let c1 = cross - aa - bb
        return Fp2(Fp.montgomeryReduce(c0), Fp.montgomeryReduce(c1))
    }

    /// (a + bu)^2 = (a + b)(a - b) + 2ab·u: two Fp multiplications on unreduced sums (below 2p,
    /// which the Montgomery product accepts).
    @inline(never)
    var squared: Fp2 {
        let sum = c0.addingUnreduced(c1)
        let difference = c0.subtractingUnreduced(c1)
        return Fp2(sum * difference, c0.addingUnreduced(c0) * c1)
    }

    @inline(__always)
    func scaled(by s: Fp) -> Fp2 { Fp2(c0 * s, c1 * s) }

    /// Multiplication by the sextic non-residue xi = 1 + u.
    @_transparent
    var timesXi: Fp2 { Fp2(c0 - c1, c0 + c1) }

    /// The Frobenius map x -> x^p, which is conjugation here.
    @_transparent
    var conjugate: Fp2 { Fp2(c0, -c1) }

    var isZero: Bool { c0.isZero && c1.isZero }

    @inline(__always)
    static func select(_ a: Fp2, _ b: Fp2, mask: UInt64) -> Fp2 {
        Fp2(Fp.select(a.c0, b.c0, mask: mask), Fp.select(a.c1, b.c1, mask: mask))
    }

    /// 3b = 12(1 + u) on E2: y^2 = x^3 + 4(1 + u).
    @inline(__always)
    var timesThreeB: Fp2 {
        let t = timesXi
        let t2 = t.doubled
        let t4 = t2.doubled
        return t4.doubled + t4
    }

    /// The norm c0^2 + c1^2, in Fp.
    var norm: Fp { c0.squared + c1.squared }

    var inverse: Fp2 {
        let n = norm.inverse
        return Fp2(c0 * n, -(c1 * n))
    }

    /// `inverse` for PUBLIC values (see `Fp.inverseVariableTime`).
    var inverseVariableTime: Fp2 {
        let n = norm.inverseVariableTime
        return Fp2(c0 * n, -(c1 * n))
    }

    /// self^e for a public exponent (little-endian limbs).
    func pow(_ exponent: [UInt64]) -> Fp2 {
        var result = Fp2.one
        for limb in exponent.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result.squared
                if (limb >> UInt64(bit)) & 1 == 1 { result = result * self }
            }
        }
        return result
    }

    /// Whether the element is a square: exactly when its norm is a square in Fp.
    var isSquare: Bool { norm.isSquare }

    /// A square root when one exists, computed with two Fp exponentiations.
    ///
    /// With n = c0^2 + c1^2 (a square in Fp exactly when self is a square in Fp2) and
    /// s = sqrt(n), let t = (c0 + s) / 2 and a = t^((p - 3) / 4). If t is a square, x0 = a·t is
    /// its root and 1/x0 = a (since a·x0 = t^((p - 1) / 2) = 1), so the root is x0 + c1·a/2·u.
    /// Otherwise -t is a square (t·(c0 - s)/2 = -c1^2/4 and -1 is not a square, p = 3 mod 4),
    /// (-t)^((p - 3) / 4) = a as (p - 3) / 4 is even, and the root is c1·a/2 - a·t·u. The
    /// candidate is checked by squaring, so a wrong case cannot escape.
    var sqrt: Fp2? {
        if c1.isZero {
            // Every element of Fp is a square in Fp2: either sqrt(c0) or sqrt(-c0)·u.
            if let r = c0.sqrt { return Fp2(r, .zero) }
            guard let r = (-c0).sqrt else { return nil }
            return Fp2(.zero, r)
        }
        guard let s = norm.sqrt else { return nil }
        return sqrt(normRoot: s)
    }

    /// The square root as in `sqrt`, given s with s^2 = c0^2 + c1^2 (checked; nil when it is
    /// not), which saves the first exponentiation when the caller already knows s.
    func sqrt(normRoot s: Fp) -> Fp2? {
        if c1.isZero { return sqrt }
        guard s.squared == norm else { return nil }
        let t = (c0 + s) * Fp.halfInverse
        let a = t.pow(Fp.exponentSqrtFp2)
        let x0 = a * t
        let halfC1A = c1 * a * Fp.halfInverse
        let candidate = x0.squared == t ? Fp2(x0, halfC1A) : Fp2(halfC1A, -x0)
        return candidate.squared == self ? candidate : nil
    }

    /// RFC 9380 sgn0 for GF(p^2).
    var sgn0: Bool {
        let sign0 = c0.isOdd
        let zero0 = c0.isZero
        let sign1 = c1.isOdd
        return sign0 || (zero0 && sign1)
    }

    /// ZCash's sign rule: compare c1 first, then c0 when c1 is zero.
    var isLexicographicallyLargest: Bool {
        c1.isZero ? c0.isLexicographicallyLargest : c1.isLexicographicallyLargest
    }
}
