/// A point (X : Y : Z) in Jacobian coordinates, affine (X/Z^2, Y/Z^3), on y^2 = x^3 + b.
///
/// Only for PUBLIC points: the formulas (Bernstein–Lange, dbl-2009-l and add-2007-bl for a = 0)
/// are cheaper than the complete projective ones but have exceptional cases, which `+` handles
/// by branching on the values. Invariant: Z = 0 means the identity.
struct JacobianPoint<F: FieldElement>: Sendable {
    var x: F
    var y: F
    var z: F

    @inline(__always)
    init(x: F, y: F, z: F) { self.x = x; self.y = y; self.z = z }

    static var identity: JacobianPoint { JacobianPoint(x: .one, y: .one, z: .zero) }

    /// From homogeneous (X : Y : Z) = (X/Z, Y/Z): (X·Z, Y·Z^2, Z).
    init(_ p: ProjectivePoint<F>) {
        let zz = p.z.squared
        self.init(x: p.x * p.z, y: p.y * zz, z: p.z)
    }

    /// To homogeneous coordinates: (X·Z, Y, Z^3).
    var projective: ProjectivePoint<F> {
        guard !z.isZero else { return .identity }
        let zz = z.squared
        return ProjectivePoint(x: x * z, y: y, z: zz * z)
    }

    /// Doubling, 2M + 5S (dbl-2009-l). The identity stays the identity (Z3 = 2YZ).
    @inline(never)
    var doubled: JacobianPoint {
        let a = x.squared
        let b = y.squared
        let c = b.squared
        let d = ((x + b).squared - a - c).doubled
        let e = a.doubled + a
        let f = e.squared
        let x3 = f - d.doubled
        let c8 = c.doubled.doubled.doubled
        let y3 = e * (d - x3) - c8
        let z3 = (y * z).doubled
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// Addition (add-2007-bl), with the exceptional cases (an identity operand, P = ±Q)
    /// resolved by branches.
    static func + (p: JacobianPoint, q: JacobianPoint) -> JacobianPoint {
        if p.z.isZero { return q }
        if q.z.isZero { return p }
        let z1z1 = p.z.squared
        let z2z2 = q.z.squared
        let u1 = p.x * z2z2
        let u2 = q.x * z1z1
        let s1 = p.y * q.z * z2z2
        let s2 = q.y * p.z * z1z1
        let h = u2 - u1
        let r = (s2 - s1).doubled
        if h.isZero {
            return r.isZero ? p.doubled : .identity
        }
        let i = h.doubled.squared
        let j = h * i
        let v = u1 * i
        let x3 = r.squared - j - v.doubled
        let y3 = r * (v - x3) - (s1 * j).doubled
        let z3 = ((p.z + q.z).squared - z1z1 - z2z2) * h
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// self + (x2, y2) for an affine point, 7M + 4S (madd-2007-bl); exceptions by branches.
    func adding(affineX x2: F, _ y2: F) -> JacobianPoint {
        if z.isZero { return JacobianPoint(x: x2, y: y2, z: .one) }
        let z1z1 = z.squared
        let u2 = x2 * z1z1
        let s2 = y2 * z * z1z1
        let h = u2 - x
        let r = (s2 - y).doubled
        if h.isZero { return r.isZero ? doubled : .identity }
        let hh = h.squared
        let i = hh.doubled.doubled
        let j = h * i
        let v = x * i
        let x3 = r.squared - j - v.doubled
        let y3 = r * (v - x3) - (y * j).doubled
        let z3 = (z + h).squared - z1z1 - hh
        return JacobianPoint(x: x3, y: y3, z: z3)
    }
}
