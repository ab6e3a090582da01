/// A point of E1: y^2 = x^3 + 4 over Fp. G1 is its subgroup of order r; Filecoin public keys.
typealias G1Point = ProjectivePoint<Fp>

extension ProjectivePoint where F == Fp {
    /// Whether the point is in G1 (order divides r). Variable time; points are public.
    var isInG1: Bool { multiplied(byPublic: groupOrderLimbs).isIdentity }
}
