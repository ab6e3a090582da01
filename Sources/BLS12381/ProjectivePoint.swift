/// A point (X : Y : Z) in homogeneous projective coordinates on y^2 = x^3 + b over `F`
/// (E1 over Fp with b = 4, or the twist E2 over Fp2 with b = 4(1 + u)).
///
/// Invariant: (X : Y : Z) with Z ≠ 0 is the affine point (X/Z, Y/Z); Z = 0 with Y ≠ 0 is the
/// identity. Addition and doubling use the complete formulas of Renes–Costello–Batina (2015,
/// algorithms 7 and 9 for a = 0), so they have no exceptional cases and no branches: that is
/// what lets the secret-scalar ladder run in constant time.
struct ProjectivePoint<F: FieldElement>: Equatable, Sendable {
    var x: F
    var y: F
    var z: F

    @inline(__always)
    init(x: F, y: F, z: F) { self.x = x; self.y = y; self.z = z }

    static var identity: ProjectivePoint { ProjectivePoint(x: .zero, y: .one, z: .zero) }

    var isIdentity: Bool { z.isZero }

    /// Complete addition (RCB algorithm 7).
    @inline(never)
    static func + (p: ProjectivePoint, q: ProjectivePoint) -> ProjectivePoint {
        var t0 = p.x * q.x
        var t1 = p.y * q.y
        var t2 = p.z * q.z
        var t3 = (p.x + p.y) * (q.x + q.y)
        var t4 = t0 + t1
        t3 = t3 - t4
        t4 = (p.y + p.z) * (q.y + q.z)
        var x3 = t1 + t2
        t4 = t4 - x3
        x3 = (p.x + p.z) * (q.x + q.z)
        var y3 = t0 + t2
        y3 = x3 - y3
        x3 = t0.doubled
        t0 = x3 + t0
        t2 = t2.timesThreeB
        var z3 = t1 + t2
        t1 = t1 - t2
        y3 = y3.timesThreeB
        x3 = t4 * y3
        t2 = t3 * t1
        x3 = t2 - x3
        y3 = y3 * t0
        t1 = t1 * z3
        y3 = t1 + y3
        t0 = t0 * t3
        z3 = z3 * t4
        z3 = z3 + t0
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    /// Complete doubling (RCB algorithm 9).
    @inline(never)
    var doubled: ProjectivePoint {
        var t0 = y.squared
        var z3 = t0.doubled.doubled.doubled
        var t1 = y * z
        var t2 = z.squared
        t2 = t2.timesThreeB
        var x3 = t2 * z3
        var y3 = t0 + t2
        z3 = t1 * z3
        t1 = t2.doubled
        t2 = t1 + t2
        t0 = t0 - t2
        y3 = t0 * y3
        y3 = x3 + y3
        t1 = x * y
        x3 = t0 * t1
        x3 = x3.doubled
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    @inline(__always)
    static prefix func - (p: ProjectivePoint) -> ProjectivePoint {
        ProjectivePoint(x: p.x, y: -p.y, z: p.z)
    }

    @inline(__always)
    static func - (p: ProjectivePoint, q: ProjectivePoint) -> ProjectivePoint { p + (-q) }

    @inline(__always)
    static func select(_ a: ProjectivePoint, _ b: ProjectivePoint, mask: UInt64) -> ProjectivePoint {
        ProjectivePoint(
            x: F.select(a.x, b.x, mask: mask), y: F.select(a.y, b.y, mask: mask),
            z: F.select(a.z, b.z, mask: mask))
    }

    /// Whether the coordinates satisfy Y^2 Z = X^3 + b Z^3 (the identity does).
    var isOnCurve: Bool {
        // 3b Z^3 = 3 (X^3 + b Z^3) - 3 X^3 keeps to the one curve constant the type knows.
        let lhs = (y.squared * z)
        let lhs3 = lhs.doubled + lhs
        let x3 = x.squared * x
        let rhs3 = (x3.doubled + x3) + z.squared * z.timesThreeB
        return lhs3 == rhs3
    }

    /// Equality of the represented points.
    static func == (p: ProjectivePoint, q: ProjectivePoint) -> Bool {
        if p.isIdentity || q.isIdentity { return p.isIdentity && q.isIdentity }
        return p.x * q.z == q.x * p.z && p.y * q.z == q.y * p.z
    }

    /// Affine coordinates, or nil for the identity. Uses one inversion.
    var affine: (x: F, y: F)? {
        guard !isIdentity else { return nil }
        let zi = z.inverse
        return (x * zi, y * zi)
    }

    /// Affine coordinates of a PUBLIC point, or nil for the identity: skips the inversion when Z
    /// is already one (stored keys and signatures are kept that way). The branch looks at Z, so
    /// this is not for intermediate results of secret-scalar arithmetic.
    var publicAffine: (x: F, y: F)? {
        guard !isIdentity else { return nil }
        if z == F.one { return (x, y) }
        let zi = z.inverseVariableTime
        return (x * zi, y * zi)
    }

    /// `publicAffine` for many PUBLIC points with a single inversion (Montgomery's trick).
    static func publicAffineBatch(_ points: [ProjectivePoint]) -> [(x: F, y: F)?] {
        // prefix[i] is the product of the non-zero Z's before index i.
        var prefix = [F]()
        prefix.reserveCapacity(points.count)
        var running = F.one
        for p in points {
            prefix.append(running)
            if !p.z.isZero { running = running * p.z }
        }
        var inverse = running.inverseVariableTime
        var result = [(x: F, y: F)?](repeating: nil, count: points.count)
        for i in points.indices.reversed() where !points[i].z.isZero {
            let p = points[i]
            let zi = inverse * prefix[i]
            inverse = inverse * p.z
            result[i] = (p.x * zi, p.y * zi)
        }
        return result
    }

    /// The same point with Z = 1 (the identity stays as is).
    var normalized: ProjectivePoint {
        guard let a = affine else { return .identity }
        return ProjectivePoint(x: a.x, y: a.y, z: .one)
    }

    /// [k]P for a PUBLIC scalar (little-endian limbs); variable time.
    func multiplied(byPublic scalar: [UInt64]) -> ProjectivePoint {
        var result = ProjectivePoint.identity
        for limb in scalar.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result.doubled
                if (limb >> UInt64(bit)) & 1 == 1 { result = result + self }
            }
        }
        return result
    }

    /// [k]P for a PUBLIC 64-bit scalar; variable time. Runs in Jacobian coordinates, whose
    /// doubling is cheaper than the complete one; the few additions handle their exceptions.
    func multiplied(byPublic scalar: UInt64) -> ProjectivePoint {
        let base = JacobianPoint(self)
        var result = JacobianPoint<F>.identity
        var started = false
        for bit in stride(from: 63, through: 0, by: -1) {
            if started { result = result.doubled }
            if (scalar >> UInt64(bit)) & 1 == 1 {
                result = started ? result + base : base
                started = true
            }
        }
        return result.projective
    }

    /// [x]P for the negative BLS parameter x.
    var timesX: ProjectivePoint { -multiplied(byPublic: blsXMagnitude) }

    /// [k]P for a SECRET scalar of 256 bits, in constant time, for P in the prime-order
    /// subgroup (G1 or G2).
    ///
    /// GLV/GLS with the endomorphism that acts there as [x^2] (-phi on G1, psi^2 on G2, both a
    /// coordinate scaling): k = k1·x^2 + k0 with k0 < x^2 and k1 < 2^132, so [k]P = [k0]P +
    /// [k1](x^2·P) needs 132 doublings instead of 256. Both halves use a fixed 4-bit window whose
    /// table entry is read by scanning the whole table with masks, so neither the branches nor
    /// the memory addresses depend on the scalar.
    func multiplied(bySecret scalar: Scalar256) -> ProjectivePoint {
        let (k0, k1) = scalar.splitByXSquared()
        let scales = F.endomorphismXSquaredScales
        var table = (
            ProjectivePoint.identity, self, self.doubled, self, self, self, self, self,
            self, self, self, self, self, self, self, self)
        table.3 = table.2 + self
        table.4 = table.2.doubled
        table.5 = table.4 + self
        table.6 = table.3.doubled
        table.7 = table.6 + self
        table.8 = table.4.doubled
        table.9 = table.8 + self
        table.10 = table.5.doubled
        table.11 = table.10 + self
        table.12 = table.6.doubled
        table.13 = table.12 + self
        table.14 = table.7.doubled
        table.15 = table.14 + self
        var mapped = table
        withUnsafeMutableBytes(of: &mapped) { raw in
            let entries = raw.bindMemory(to: ProjectivePoint.self)
            for index in 0..<16 {
                let q = entries[index]
                entries[index] = ProjectivePoint(x: q.x * scales.x, y: q.y * scales.y, z: q.z)
            }
        }
        var result = ProjectivePoint.identity
        for window in stride(from: 32, through: 0, by: -1) {
            result = result.doubled.doubled.doubled.doubled
            result = result + Self.lookup(&table, digit: k0.nibble(window))
            result = result + Self.lookup(&mapped, digit: k1.nibble(window))
        }
        return result
    }

    typealias Table16 = (
        ProjectivePoint, ProjectivePoint, ProjectivePoint, ProjectivePoint,
        ProjectivePoint, ProjectivePoint, ProjectivePoint, ProjectivePoint,
        ProjectivePoint, ProjectivePoint, ProjectivePoint, ProjectivePoint,
        ProjectivePoint, ProjectivePoint, ProjectivePoint, ProjectivePoint
    )

    /// table[digit], read by touching every entry and keeping one through masks.
    @inline(__always)
    static func lookup(_ table: inout Table16, digit: UInt64) -> ProjectivePoint {
        var chosen = ProjectivePoint.identity
        withUnsafeBytes(of: &table) { raw in
            let entries = raw.bindMemory(to: ProjectivePoint.self)
            for index in 0..<16 {
                // mask is all ones exactly when index == digit.
                let diff = UInt64(index) ^ digit
                let mask = valueBarrier(maskFromBit(((diff | (0 &- diff)) >> 63) ^ 1))
                chosen = ProjectivePoint.select(chosen, entries[index], mask: mask)
            }
        }
        return chosen
    }
}
