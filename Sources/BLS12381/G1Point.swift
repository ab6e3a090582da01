/// A point of E1: y^2 = x^3 + 4 over Fp. G1 is its subgroup of order r; Filecoin public keys.
typealias G1Point = ProjectivePoint<Fp>

extension ProjectivePoint where F == Fp {
    /// phi(x, y) = (beta·x, y), an endomorphism of E1 that acts on G1 as [-x^2].
    var phi: G1Point { G1Point(x: x * Fp.beta, y: y, z: z) }

    /// Whether the point is in G1, by Scott's test phi(P) == [-x^2]P (eprint 2021/1130), which
    /// costs a 128-bit multiplication instead of a 255-bit one. Variable time; points are public.
    var isInG1: Bool { phi == -(timesX.timesX) }

    /// Whether [r]P is the identity: the definition, kept to cross-check the fast test.
    var isInG1ByOrder: Bool { multiplied(byPublic: groupOrderLimbs).isIdentity }
}

extension Fp {
    /// -phi = (beta·x, -y) acts on G1 as [x^2].
    static var endomorphismXSquaredScales: (x: Fp, y: Fp) { (Fp.beta, -Fp.one) }
}
