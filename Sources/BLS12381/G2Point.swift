/// A point of the twist E2: y^2 = x^3 + 4(1 + u) over Fp2. G2 is its subgroup of order r;
/// Filecoin signatures and message hashes live there.
typealias G2Point = ProjectivePoint<Fp2>

extension ProjectivePoint where F == Fp2 {
    /// psi = untwist ∘ Frobenius ∘ twist, an endomorphism of E2 that acts on G2 as [p].
    var psi: G2Point {
        G2Point(x: x.conjugate * Fp2.psiX, y: y.conjugate * Fp2.psiY, z: z.conjugate)
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
