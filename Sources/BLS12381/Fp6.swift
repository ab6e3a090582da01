/// An element c0 + c1·v + c2·v^2 of GF(p^6) = GF(p^2)[v] / (v^3 - xi), xi = 1 + u.
struct Fp6: Equatable, Sendable {
    var c0: Fp2
    var c1: Fp2
    var c2: Fp2

    @inline(__always)
    init(_ c0: Fp2, _ c1: Fp2, _ c2: Fp2) { self.c0 = c0; self.c1 = c1; self.c2 = c2 }

    static let zero = Fp6(.zero, .zero, .zero)
    static let one = Fp6(.one, .zero, .zero)

    @inline(__always)
    static func + (a: Fp6, b: Fp6) -> Fp6 { Fp6(a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2) }
    @inline(__always)
    static func - (a: Fp6, b: Fp6) -> Fp6 { Fp6(a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2) }
    @inline(__always)
    static prefix func - (a: Fp6) -> Fp6 { Fp6(-a.c0, -a.c1, -a.c2) }

    /// Karatsuba over three coefficients: six Fp2 multiplications.
    @inline(never)
    static func * (a: Fp6, b: Fp6) -> Fp6 {
        let aa = a.c0 * b.c0
        let bb = a.c1 * b.c1
        let cc = a.c2 * b.c2
        let t0 = ((a.c1 + a.c2) * (b.c1 + b.c2) - bb - cc).timesXi + aa
        let t1 = (a.c0 + a.c1) * (b.c0 + b.c1) - aa - bb + cc.timesXi
        let t2 = (a.c0 + a.c2) * (b.c0 + b.c2) - aa + bb - cc
        return Fp6(t0, t1, t2)
    }

    /// Chung–Hasan SQR2.
    @inline(never)
    var squared: Fp6 {
        let s0 = c0.squared
        let ab = c0 * c1
        let s1 = ab.doubled
        let s2 = (c0 - c1 + c2).squared
        let bc = c1 * c2
        let s3 = bc.doubled
        let s4 = c2.squared
        return Fp6(s3.timesXi + s0, s4.timesXi + s1, s1 + s2 + s3 - s0 - s4)
    }

    /// Multiplication by v: (c0, c1, c2) -> (xi·c2, c0, c1).
    @inline(__always)
    var timesV: Fp6 { Fp6(c2.timesXi, c0, c1) }

    /// Multiplication by b0 + b1·v (a sparse line coefficient).
    @inline(never)
    func multiplied(by01 b0: Fp2, _ b1: Fp2) -> Fp6 {
        let aa = c0 * b0
        let bb = c1 * b1
        let t0 = (c2 * b1).timesXi + aa
        let t1 = (b0 + b1) * (c0 + c1) - aa - bb
        let t2 = c2 * b0 + bb
        return Fp6(t0, t1, t2)
    }

    /// Multiplication by b1·v.
    func multiplied(by1 b1: Fp2) -> Fp6 {
        Fp6((c2 * b1).timesXi, c0 * b1, c1 * b1)
    }

    var inverse: Fp6 {
        let t0 = c0.squared - (c1 * c2).timesXi
        let t1 = c2.squared.timesXi - c0 * c1
        let t2 = c1.squared - c0 * c2
        let n = c0 * t0 + (c2 * t1 + c1 * t2).timesXi
        // Only the final exponentiation inverts here, on values derived from public points.
        let ni = n.inverseVariableTime
        return Fp6(t0 * ni, t1 * ni, t2 * ni)
    }

    var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }
}
