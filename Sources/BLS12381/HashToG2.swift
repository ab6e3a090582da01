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
        let z = Fp2.sswuZ
        let a = Fp2.sswuA
        let b = Fp2.sswuB
        let zu2 = z * u.squared
        let denominator = zu2.squared + zu2
        let x1: Fp2
        if denominator.isZero {
            x1 = Fp2.sswuBOverZA
        } else {
            x1 = Fp2.sswuMinusBOverA * (Fp2.one + denominator.inverse)
        }
        let gx1 = (x1.squared + a) * x1 + b
        let x: Fp2
        let y: Fp2
        if let root = gx1.sqrt {
            x = x1
            y = root
        } else {
            let x2 = zu2 * x1
            let gx2 = (x2.squared + a) * x2 + b
            // gx2 = Z^3 u^6 gx1 is a square whenever gx1 is not, so the fallback is unreachable.
            x = x2
            y = gx2.sqrt ?? .zero
        }
        return (x, u.sgn0 == y.sgn0 ? y : -y)
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
        let q = mapToCurve(u0) + mapToCurve(u1)
        return q.clearingCofactor
    }
}
