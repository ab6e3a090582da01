/// A point of the twist E2: y^2 = x^3 + 4(1 + u) over Fp2. G2 is its subgroup of order r;
/// Filecoin signatures and message hashes live there.
typealias G2Point = ProjectivePoint<Fp2>

extension ProjectivePoint where F == Fp2 {
    /// psi = untwist ∘ Frobenius ∘ twist, an endomorphism of E2 that acts on G2 as [p].
    var psi: G2Point {
        G2Point(x: x.conjugate * Fp2.psiX, y: y.conjugate * Fp2.psiY, z: z.conjugate)
    }

    /// [k]P for a SECRET scalar and P in G2, in constant time, with the 4-dimensional GLS
    /// decomposition: psi acts on G2 as [x] = -[|x|], so with k = k0 + k1|x| + k2|x|^2 + k3|x|^3
    /// (digits below 2^64, k3 below 2^68 for any 256-bit k), [k]P = [k0]P + [k1](-psi P) +
    /// [k2](psi^2 P) + [k3](-psi^3 P): 68 doublings instead of 256. Four 16-entry tables, one
    /// fixed 4-bit window per digit, every table read as a masked scan of all entries.
    func multipliedInG2(bySecret scalar: Scalar256) -> G2Point {
        let (k0, k1, k2, k3) = scalar.splitByX()
        let scales = Fp2.endomorphismXSquaredScales
        var t0 = (
            G2Point.identity, self, self.doubled, self, self, self, self, self,
            self, self, self, self, self, self, self, self)
        t0.3 = t0.2 + self
        t0.4 = t0.2.doubled
        t0.5 = t0.4 + self
        t0.6 = t0.3.doubled
        t0.7 = t0.6 + self
        t0.8 = t0.4.doubled
        t0.9 = t0.8 + self
        t0.10 = t0.5.doubled
        t0.11 = t0.10 + self
        t0.12 = t0.6.doubled
        t0.13 = t0.12 + self
        t0.14 = t0.7.doubled
        t0.15 = t0.14 + self
        var t1 = t0, t2 = t0, t3 = t0
        withUnsafeMutableBytes(of: &t1) { raw1 in
            withUnsafeMutableBytes(of: &t2) { raw2 in
                withUnsafeMutableBytes(of: &t3) { raw3 in
                    let e1 = raw1.bindMemory(to: G2Point.self)
                    let e2 = raw2.bindMemory(to: G2Point.self)
                    let e3 = raw3.bindMemory(to: G2Point.self)
                    for i in 0..<16 {
                        let q = e1[i]
                        let psiQ = q.psi
                        let psi2Q = G2Point(x: q.x * scales.x, y: q.y * scales.y, z: q.z)
                        e1[i] = -psiQ
                        e2[i] = psi2Q
                        e3[i] = -psi2Q.psi
                    }
                }
            }
        }
        var result = G2Point.identity
        for window in stride(from: 16, through: 0, by: -1) {
            result = result.doubled.doubled.doubled.doubled
            result = result + G2Point.lookup(&t0, digit: k0.nibble(window))
            result = result + G2Point.lookup(&t1, digit: k1.nibble(window))
            result = result + G2Point.lookup(&t2, digit: k2.nibble(window))
            result = result + G2Point.lookup(&t3, digit: k3.nibble(window))
        }
        return result
    }

    /// Whether the point is in G2, by Scott's test psi(P) == [x]P (eprint 2021/1130): on G2,
    /// psi acts as [p] and p = x mod r. A 64-bit multiplication instead of a 255-bit one.
    /// Variable time; points are public.
    var isInG2: Bool { psi == timesX }

    /// Whether [r]P is the identity: the definition, kept to cross-check the fast test.
    var isInG2ByOrder: Bool { multiplied(byPublic: groupOrderLimbs).isIdentity }

    /// Multiplies by the effective cofactor h_eff (RFC 9380 Appendix G.3, Budroni–Pintore):
    /// [x^2 - x - 1]P + [x - 1]psi(P) + psi^2(2P).
    var clearingCofactor: G2Point {
        let t1 = timesX
        var t2 = psi
        var t3 = doubled.psi.psi
        t3 = t3 - t2
        t2 = (t1 + t2).timesX
        t3 = t3 + t2
        t3 = t3 - t1
        return t3 - self
    }
}

extension Fp2 {
    /// psi^2(x, y) = (psiX·conj(psiX)·x, psiY·conj(psiY)·y) acts on G2 as [x^2]; both factors
    /// are norms, so they lie in Fp.
    static let endomorphismXSquaredScales: (x: Fp2, y: Fp2) = (
        psiX * psiX.conjugate, psiY * psiY.conjugate
    )
}

extension Fp2 {
    /// c with c^2 = -N(Z)^3 for the SSWU constant Z (a square in Fp: -1 and N(Z) are both
    /// non-squares). Zero if that ever failed, which `sqrt(normRoot:)` would catch.
    static let sswuNormRootFactor: Fp = {
        let n = sswuZ.norm
        return (-(n.squared * n)).sqrt ?? .zero
    }()
}
