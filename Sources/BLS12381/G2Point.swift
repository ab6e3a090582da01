/// A point of the twist E2: y^2 = x^3 + 4(1 + u) over Fp2. G2 is its subgroup of order r;
/// Filecoin signatures and message hashes live there.
typealias G2Point = ProjectivePoint<Fp2>

extension ProjectivePoint where F == Fp2 {
    /// psi = untwist ∘ Frobenius ∘ twist, an endomorphism of E2 that acts on G2 as [p].
    var psi: G2Point {
        G2Point(x: x.conjugate * Fp2.psiX, y: y.conjugate * Fp2.psiY, z: z.conjugate)
    }

    /// [k]P for a SECRET scalar below 2^255 (every private key is below r) and P in G2, in
    /// constant time, with the 4-dimensional GLS decomposition: psi acts on G2 as [x] = -[|x|],
    /// so with k = k0 + k1|x| + k2|x|^2 + k3|x|^3 (digits below 2^64), [k]P = [k0]P +
    /// [k1](-psi P) + [k2](psi^2 P) + [k3](-psi^3 P): 68 doublings instead of 256.
    ///
    /// Each digit is recoded into signed 4-bit windows in [-8, 8], so four tables of [0..8]
    /// multiples suffice; an entry is read by a masked scan of its whole table and negated by a
    /// masked select, so neither branches nor addresses depend on k. The recoded digits live in
    /// a stack buffer that is zeroed before returning.
    func multipliedInG2(bySecret scalar: Scalar256) -> G2Point {
        let (k0, k1, k2, k3) = scalar.splitByX()
        let scales = Fp2.endomorphismXSquaredScales
        // tables[9j + i] = [i]·E_j(P) with E = (1, -psi, psi^2, -psi^3); public values.
        var tables = [G2Point](repeating: .identity, count: 36)
        tables[1] = self
        tables[2] = self.doubled
        tables[3] = tables[2] + self
        tables[4] = tables[2].doubled
        tables[5] = tables[4] + self
        tables[6] = tables[3].doubled
        tables[7] = tables[6] + self
        tables[8] = tables[4].doubled
        for i in 0..<9 {
            let q = tables[i]
            let psi2Q = G2Point(x: q.x * scales.x, y: q.y * scales.y, z: q.z)
            tables[9 + i] = -q.psi
            tables[18 + i] = psi2Q
            tables[27 + i] = -psi2Q.psi
        }
        // digits[34j + w] = |d_w| and digits[34j + 17 + w] = all ones when d_w < 0.
        var digits = [UInt64](repeating: 0, count: 4 * 34)
        for (j, part) in [k0, k1, k2, k3].enumerated() {
            var carry: UInt64 = 0
            for w in 0..<16 {
                let v = part.nibble(w) &+ carry  // 0...16
                carry = (v &+ 7) >> 4  // 1 exactly when v > 8
                let negative = maskFromBit(carry)
                digits[34 * j + w] = (v & ~negative) | ((16 &- v) & negative)
                digits[34 * j + 17 + w] = negative
            }
            digits[34 * j + 16] = carry
        }
        var result = G2Point.identity
        for w in stride(from: 16, through: 0, by: -1) {
            result = result.doubled.doubled.doubled.doubled
            for j in 0..<4 {
                let magnitude = digits[34 * j + w]
                var chosen = G2Point.identity
                for i in 0..<9 {
                    // mask is all ones exactly when i == magnitude.
                    let diff = UInt64(i) ^ magnitude
                    let mask = valueBarrier(maskFromBit(((diff | (0 &- diff)) >> 63) ^ 1))
                    chosen = G2Point.select(chosen, tables[9 * j + i], mask: mask)
                }
                chosen.y = Fp2.select(chosen.y, -chosen.y, mask: valueBarrier(digits[34 * j + 17 + w]))
                result = result + chosen
            }
        }
        digits.withUnsafeMutableBytes { raw in
            if let base = raw.baseAddress { wipe(base, raw.count) }
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
