/// An element c0 + c1·w of GF(p^12) = GF(p^6)[w] / (w^2 - v): the pairing's target field.
///
/// As powers of w the Fp2 coefficients are c0.c0·1, c1.c0·w, c0.c1·w^2, c1.c1·w^3, c0.c2·w^4,
/// c1.c2·w^5, which is what the Frobenius map and the sparse line multiplication rely on.
struct Fp12: Equatable, Sendable {
    var c0: Fp6
    var c1: Fp6

    @inline(__always)
    init(_ c0: Fp6, _ c1: Fp6) { self.c0 = c0; self.c1 = c1 }

    static let one = Fp12(.one, .zero)

    @inline(never)
    static func * (a: Fp12, b: Fp12) -> Fp12 {
        let aa = a.c0 * b.c0
        let bb = a.c1 * b.c1
        let cross = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Fp12(aa + bb.timesV, cross - aa - bb)
    }

    @inline(never)
    var squared: Fp12 {
        let ab = c0 * c1
        let sum = c0 + c1
        let t = (c1.timesV + c0) * sum - ab - ab.timesV
        return Fp12(t, ab + ab)
    }

    /// x -> x^(p^6); the inverse for elements of the cyclotomic subgroup.
    @inline(__always)
    var conjugate: Fp12 { Fp12(c0, -c1) }

    var inverse: Fp12 {
        let t = (c0.squared - c1.squared.timesV).inverse
        return Fp12(c0 * t, -(c1 * t))
    }

    /// Multiplication by the sparse element d0 + d1·w^2 + d4·w^3 (a Miller loop line value):
    /// in tower terms c0 = (d0, d1, 0) and c1 = (0, d4, 0).
    @inline(never)
    func multiplied(byLine d0: Fp2, _ d1: Fp2, _ d4: Fp2) -> Fp12 {
        let aa = c0.multiplied(by01: d0, d1)
        let bb = c1.multiplied(by1: d4)
        let o = d1 + d4
        let t = (c1 + c0).multiplied(by01: d0, o) - aa - bb
        return Fp12(bb.timesV + aa, t)
    }

    /// x -> x^p.
    var frobenius: Fp12 {
        let g = Fp2.frobeniusGamma
        return Fp12(
            Fp6(c0.c0.conjugate, c0.c1.conjugate * g[2], c0.c2.conjugate * g[4]),
            Fp6(c1.c0.conjugate * g[1], c1.c1.conjugate * g[3], c1.c2.conjugate * g[5]))
    }

    /// Granger–Scott squaring, valid only in the cyclotomic subgroup (after the easy part).
    var cyclotomicSquared: Fp12 {
        @inline(__always)
        func fp4Square(_ a: Fp2, _ b: Fp2) -> (Fp2, Fp2) {
            let t0 = a.squared
            let t1 = b.squared
            let s0 = t1.timesXi + t0
            let s1 = (a + b).squared - t0 - t1
            return (s0, s1)
        }
        var z0 = c0.c0, z4 = c0.c1, z3 = c0.c2
        var z2 = c1.c0, z1 = c1.c1, z5 = c1.c2
        let (a0, a1) = fp4Square(z0, z1)
        z0 = a0 - z0; z0 = z0.doubled + a0
        z1 = a1 + z1; z1 = z1.doubled + a1
        let (b0, b1) = fp4Square(z2, z3)
        let (e0, e1) = fp4Square(z4, z5)
        z4 = b0 - z4; z4 = z4.doubled + b0
        z5 = b1 + z5; z5 = z5.doubled + b1
        let f0 = e1.timesXi
        z2 = f0 + z2; z2 = z2.doubled + f0
        z3 = e0 - z3; z3 = z3.doubled + e0
        return Fp12(Fp6(z0, z4, z3), Fp6(z2, z1, z5))
    }

    /// self^x for the (negative) BLS parameter x, in the cyclotomic subgroup.
    var powX: Fp12 {
        var result = Fp12.one
        var started = false
        for bit in stride(from: 63, through: 0, by: -1) {
            if started { result = result.cyclotomicSquared }
            if (blsXMagnitude >> UInt64(bit)) & 1 == 1 {
                result = started ? result * self : self
                started = true
            }
        }
        return result.conjugate
    }

    /// f^(3 (p^12 - 1) / r): the easy part (p^6 - 1)(p^2 + 1), then the hard part written as
    /// (x - 1)^2 (x + p)(x^2 + p^2 - 1) + 3 (Hayashida–Hayasaka–Teruya). The cube is harmless:
    /// 3 is prime to r, so the result is one exactly when the reduced pairing is one.
    var finalExponentiation: Fp12 {
        var f = conjugate * inverse
        f = f.frobenius.frobenius * f
        // a = f^((x - 1)^2)
        var a = f.powX * f.conjugate
        a = a.powX * a.conjugate
        // b = a^(x + p)
        let b = a.powX * a.frobenius
        // c = b^(x^2 + p^2 - 1)
        let c = b.powX.powX * b.frobenius.frobenius * b.conjugate
        return c * f.cyclotomicSquared * f
    }

    var isOne: Bool { self == Fp12.one }
}
