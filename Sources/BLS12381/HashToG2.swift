/// RFC 9380 hash_to_curve for the suite BLS12381G2_XMD:SHA-256_SSWU_RO_.
///
/// Messages are public, so this code branches freely.
enum HashToG2 {
    /// The two field elements u0, u1 (hash_to_field with m = 2, L = 64, count = 2).
    static func hashToField(_ message: some Collection<UInt8>, dst: [UInt8]) -> (Fp2, Fp2) {
        // 256 bytes is well within expand_message_xmd's limits, so expansion cannot fail.
        let uniform = ExpandMessageXMD.expand(message, dst: dst, length: 256) ?? []
        let e0 = Fp2(Fp.fromWideBigEndian(uniform, offset: 0), Fp.fromWideBigEndian(uniform, offset: 64))
        let e1 = Fp2(Fp.fromWideBigEndian(uniform, offset: 128), Fp.fromWideBigEndian(uniform, offset: 192))
        return (e0, e1)
    }

    /// Simplified SWU onto E2': y^2 = x^3 + 240u·x + 1012(1 + u) (RFC 9380 section 6.6.2).
    static func mapToIsogenousCurve(_ u: Fp2) -> (x: Fp2, y: Fp2) {
        let (zu2, denominator) = sswuDenominator(u)
        return sswuFinish(u, zu2: zu2, denominator: denominator, inverse: denominator.inverseVariableTime)
    }

    /// Z·u^2 and Z^2·u^4 + Z·u^2, the denominator that simplified SWU inverts.
    private static func sswuDenominator(_ u: Fp2) -> (zu2: Fp2, denominator: Fp2) {
        let zu2 = Fp2.sswuZ * u.squared
        return (zu2, zu2.squared + zu2)
    }

    /// Simplified SWU from 1/denominator (which the caller may share with another map).
    ///
    /// Whether g(x1) is a square is read off the square root of its norm, r1 = N^((p+1)/4).
    /// When it is not, g(x2) = Z^3 u^6 g(x1) and r1^2 = -N(g(x1)), so c·r1·N(u)^3 with
    /// c^2 = -N(Z)^3 is a square root of N(g(x2)): one multiplication instead of a second
    /// exponentiation (checked inside `sqrt(normRoot:)`, with the plain root as fallback).
    private static func sswuFinish(
        _ u: Fp2, zu2: Fp2, denominator: Fp2, inverse: Fp2
    ) -> (x: Fp2, y: Fp2) {
        let a = Fp2.sswuA
        let b = Fp2.sswuB
        let x1 = denominator.isZero ? Fp2.sswuBOverZA : Fp2.sswuMinusBOverA * (Fp2.one + inverse)
        let gx1 = (x1.squared + a) * x1 + b
        let n1 = gx1.norm
        let r1 = n1.pow(Fp.exponentSqrt)
        let x: Fp2
        let y: Fp2
        if r1.squared == n1, let root = gx1.sqrt(normRoot: r1) {
            x = x1
            y = root
        } else {
            let x2 = zu2 * x1
            let gx2 = (x2.squared + a) * x2 + b
            let nu = u.norm
            let r2 = Fp2.sswuNormRootFactor * r1 * nu.squared * nu
            // gx2 is a square whenever gx1 is not, so the last fallback is unreachable.
            x = x2
            y = gx2.sqrt(normRoot: r2) ?? gx2.sqrt ?? .zero
        }
        return (x, u.sgn0 == y.sgn0 ? y : -y)
    }

    /// Both maps of hash_to_curve with one shared inversion (Montgomery's trick).
    static func mapToIsogenousCurve(_ u0: Fp2, _ u1: Fp2) -> ((x: Fp2, y: Fp2), (x: Fp2, y: Fp2)) {
        let (zu20, d0) = sswuDenominator(u0)
        let (zu21, d1) = sswuDenominator(u1)
        let inverse0: Fp2
        let inverse1: Fp2
        if d0.isZero || d1.isZero {
            inverse0 = d0.inverseVariableTime
            inverse1 = d1.inverseVariableTime
        } else {
            // Messages are public, so the faster variable-time inversion applies.
            let both = (d0 * d1).inverseVariableTime
            inverse0 = both * d1
            inverse1 = both * d0
        }
        return (
            sswuFinish(u0, zu2: zu20, denominator: d0, inverse: inverse0),
            sswuFinish(u1, zu2: zu21, denominator: d1, inverse: inverse1)
        )
    }

    /// The 3-isogeny E2' -> E2 (RFC 9380 Appendix E.3), returned in projective coordinates to
    /// avoid inverting the denominators.
    static func isogeny(_ x: Fp2, _ y: Fp2) -> G2Point {
        func evaluate(_ coefficients: [Fp2]) -> Fp2 {
            var acc = Fp2.zero
            for c in coefficients.reversed() { acc = acc * x + c }
            return acc
        }
        let xNum = evaluate(Fp2.isoXNum)
        let xDen = evaluate(Fp2.isoXDen)
        let yNum = evaluate(Fp2.isoYNum)
        let yDen = evaluate(Fp2.isoYDen)
        // (xNum/xDen, y·yNum/yDen) = (xNum·yDen : y·yNum·xDen : xDen·yDen).
        if xDen.isZero || yDen.isZero { return .identity }
        return G2Point(x: xNum * yDen, y: y * yNum * xDen, z: xDen * yDen)
    }

    /// map_to_curve followed by the isogeny (no cofactor clearing).
    static func mapToCurve(_ u: Fp2) -> G2Point {
        let p = mapToIsogenousCurve(u)
        return isogeny(p.x, p.y)
    }

    /// hash_to_curve: a point of G2, uniformly distributed (random-oracle encoding).
    static func hash(_ message: some Collection<UInt8>, dst: [UInt8]) -> G2Point {
        let (u0, u1) = hashToField(message, dst: dst)
        let (p0, p1) = mapToIsogenousCurve(u0, u1)
        let q = isogeny(p0.x, p0.y) + isogeny(p1.x, p1.y)
        return q.clearingCofactor
    }
}
