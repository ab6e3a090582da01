/// The optimal ate pairing on BLS12-381: e(P, Q) for P in G1, Q in G2.
///
/// The Miller loop runs over the bits of |x| with Q's multiple R kept in Jacobian coordinates
/// (doubling and addition steps after Costello–Lange–Naehrig, eprint 2010/354, algorithms 26 and
/// 27), each line evaluated at P and folded in with a sparse multiplication. Several pairs share
/// one accumulator, so a product of pairings costs one squaring chain and one final
/// exponentiation. Inputs are public; nothing here is constant time.
enum Pairing {
    /// One pair of affine points with neither the identity.
    struct Term: Sendable {
        var px: Fp
        var py: Fp
        var qx: Fp2
        var qy: Fp2
    }

    /// The affine term for (P, Q), or nil when either is the identity (the pair contributes 1).
    static func term(_ p: G1Point, _ q: G2Point) -> Term? {
        guard let pa = p.publicAffine, let qa = q.publicAffine else { return nil }
        return Term(px: pa.x, py: pa.y, qx: qa.x, qy: qa.y)
    }

    /// R in Jacobian coordinates (X/Z^2, Y/Z^3).
    private struct JacobianG2 {
        var x: Fp2
        var y: Fp2
        var z: Fp2
    }

    /// The product of Miller loop values f_{|x|,Q}(P) over the terms, conjugated for x < 0.
    static func millerLoop(_ terms: some Collection<Term>) -> Fp12 {
        let terms = Array(terms)
        guard !terms.isEmpty else { return .one }
        var rs = terms.map { JacobianG2(x: $0.qx, y: $0.qy, z: .one) }
        var f = Fp12.one
        let loopScalar = blsXMagnitude >> 1
        var started = false
        for bit in stride(from: 63, through: 0, by: -1) {
            let set = (loopScalar >> UInt64(bit)) & 1 == 1
            if !started {
                started = set
                continue
            }
            for i in terms.indices {
                f = evaluate(f, line: doublingStep(&rs[i]), at: terms[i])
            }
            if set {
                for i in terms.indices {
                    f = evaluate(f, line: additionStep(&rs[i], terms[i]), at: terms[i])
                }
            }
            f = f.squared
        }
        for i in terms.indices {
            f = evaluate(f, line: doublingStep(&rs[i]), at: terms[i])
        }
        return f.conjugate
    }

    /// Whether the product of e(P_i, Q_i) is one.
    static func productIsOne(_ terms: some Collection<Term>) -> Bool {
        millerLoop(terms).finalExponentiation.isOne
    }

    private static func evaluate(_ f: Fp12, line: (Fp2, Fp2, Fp2), at term: Term) -> Fp12 {
        f.multiplied(byLine: line.2, line.1.scaled(by: term.px), line.0.scaled(by: term.py))
    }

    @inline(never)
    private static func doublingStep(_ r: inout JacobianG2) -> (Fp2, Fp2, Fp2) {
        let t0 = r.x.squared
        let t1 = r.y.squared
        var t2 = t1.squared
        var t3 = (t1 + r.x).squared - t0 - t2
        t3 = t3.doubled
        let t4 = t0.doubled + t0
        var t6 = r.x + t4
        let t5 = t4.squared
        let zz = r.z.squared
        r.x = t5 - t3 - t3
        r.z = (r.z + r.y).squared - t1 - zz
        r.y = (t3 - r.x) * t4
        t2 = t2.doubled.doubled.doubled
        r.y = r.y - t2
        let c1 = -((t4 * zz).doubled)
        t6 = t6.squared - t0 - t5
        t6 = t6 - t1.doubled.doubled
        let c0 = (r.z * zz).doubled
        return (c0, c1, t6)
    }

    @inline(never)
    private static func additionStep(_ r: inout JacobianG2, _ q: Term) -> (Fp2, Fp2, Fp2) {
        let zz = r.z.squared
        let yy = q.qy.squared
        let t0 = zz * q.qx
        let t1 = ((q.qy + r.z).squared - yy - zz) * zz
        let t2 = t0 - r.x
        let t3 = t2.squared
        let t4 = t3.doubled.doubled
        let t5 = t4 * t2
        let t6 = t1 - r.y - r.y
        var t9 = t6 * q.qx
        let t7 = t4 * r.x
        r.x = t6.squared - t5 - t7 - t7
        r.z = (r.z + t2).squared - zz - t3
        var t10 = q.qy + r.z
        let t8 = (t7 - r.x) * t6
        let s0 = (r.y * t5).doubled
        r.y = t8 - s0
        t10 = t10.squared - yy
        t10 = t10 - r.z.squared
        t9 = t9.doubled - t10
        let c0 = r.z.doubled
        let c1 = (-t6).doubled
        return (c0, c1, t9)
    }
}
