import Testing
@testable import BLS12381

/// Group and pairing laws. These cannot be satisfied by accident: bilinearity and the subgroup
/// orders only hold when the field tower, the formulas and the final exponentiation are right.
struct CurveTests {
    static let order = Scalar256(
        l0: groupOrderLimbs[0], l1: groupOrderLimbs[1], l2: groupOrderLimbs[2], l3: groupOrderLimbs[3])

    @Test func generatorsHaveOrderR() {
        #expect(g1Generator.isOnCurve && g2Generator.isOnCurve)
        #expect(g1Generator.multiplied(byPublic: groupOrderLimbs).isIdentity)
        #expect(g2Generator.multiplied(byPublic: groupOrderLimbs).isIdentity)
        #expect(!g1Generator.multiplied(byPublic: [groupOrderLimbs[0] &- 1] + groupOrderLimbs.dropFirst()).isIdentity)
    }

    @Test func constantTimeLadderMatchesDoubleAndAdd() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<4 {
            let k = Scalar256(l0: rng.next(), l1: rng.next(), l2: rng.next(), l3: rng.next() >> 2)
            let limbs = [k.l0, k.l1, k.l2, k.l3]
            #expect(g1Generator.multiplied(bySecret: k) == g1Generator.multiplied(byPublic: limbs))
            #expect(g2Generator.multiplied(bySecret: k) == g2Generator.multiplied(byPublic: limbs))
        }
        // The 4-dimensional GLS ladder used for signing, on a point of G2 that is not the
        // generator, including the largest scalars it accepts (below 2^255) and r itself.
        let q = g2Generator.multiplied(byPublic: 0x9e37_79b9_7f4a_7c15)
        let minusOne = Scalar256(l0: Self.order.l0 &- 1, l1: Self.order.l1, l2: Self.order.l2, l3: Self.order.l3)
        let allOnes = Scalar256(l0: .max, l1: .max, l2: .max, l3: .max >> 1)
        for k in [minusOne, allOnes, Scalar256(l0: rng.next(), l1: rng.next(), l2: rng.next(), l3: rng.next() >> 1)] {
            #expect(q.multipliedInG2(bySecret: k) == q.multiplied(byPublic: [k.l0, k.l1, k.l2, k.l3]))
        }
        #expect(q.multipliedInG2(bySecret: Self.order).isIdentity)
        #expect(g1Generator.multiplied(bySecret: Self.order).isIdentity)
        #expect(g2Generator.multiplied(bySecret: Scalar256(l0: 0, l1: 0, l2: 0, l3: 0)).isIdentity)
    }

    @Test func completeFormulasHandleSpecialCases() {
        let p = g2Generator.doubled
        #expect(p + p == p.doubled)
        #expect((p + G2Point.identity) == p)
        #expect((p - p).isIdentity)
        #expect(G2Point.identity.doubled.isIdentity)
        #expect((p + p + p) == p.multiplied(byPublic: 3))
    }

    @Test func pairingIsBilinear() throws {
        let a: UInt64 = 0x1234_5678_9abc_def1, b: UInt64 = 0x0fed_cba9_8765_4321
        let pa = g1Generator.multiplied(byPublic: a)
        let qb = g2Generator.multiplied(byPublic: b)
        // e(aP, bQ) · e(-abP, Q) = 1 and e(aP, bQ) · e(-bP, aQ) = 1.
        let ab = g1Generator.multiplied(byPublic: a).multiplied(byPublic: b)
        let t1 = try #require(Pairing.term(pa, qb))
        let t2 = try #require(Pairing.term(-ab, g2Generator))
        let t3 = try #require(Pairing.term(-g1Generator.multiplied(byPublic: b), g2Generator.multiplied(byPublic: a)))
        let t4 = try #require(Pairing.term(-g1Generator, g2Generator))
        #expect(Pairing.productIsOne([t1, t2]))
        #expect(Pairing.productIsOne([t1, t3]))
        // And it is not degenerate: e(aP, bQ) alone is not one, nor is it e(P, Q).
        #expect(!Pairing.productIsOne([t1]))
        #expect(!Pairing.productIsOne([t1, t4]))
    }

    @Test func finalExponentiationLandsInGroupOfOrderR() throws {
        let f = Pairing.millerLoop([try #require(Pairing.term(g1Generator, g2Generator))]).finalExponentiation
        // f^r = 1 via the cyclotomic square-and-multiply over r's bits.
        var acc = Fp12.one
        for limb in groupOrderLimbs.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                acc = acc.cyclotomicSquared
                if (limb >> UInt64(bit)) & 1 == 1 { acc = acc * f }
            }
        }
        #expect(acc.isOne)
        #expect(!f.isOne)
    }

    @Test func psiActsAsFrobeniusOnG2() {
        // On G2, psi acts as multiplication by p, i.e. by x since p = x mod r.
        let q = g2Generator.multiplied(byPublic: 77)
        #expect(q.psi == q.timesX)
    }
}

/// The fast subgroup tests and the Fp-only square root against their definitions.
struct FastPathTests {
    @Test func subgroupTestsAgreeWithOrderTest() {
        var rng = SystemRandomNumberGenerator()
        for i in 0..<6 {
            // map_to_curve outputs are random points of E2, almost never in G2.
            let u = Fp2(Fp(small: rng.next() >> 1), Fp(small: UInt64(i)))
            let q = HashToG2.mapToCurve(u)
            #expect(q.isInG2 == q.isInG2ByOrder)
            #expect(q.clearingCofactor.isInG2 && q.clearingCofactor.isInG2ByOrder)
            // Random points of E1 from x = small integers.
            let x = Fp(small: rng.next() >> 1)
            if let y = (x.squared * x + Fp.four).sqrt {
                let p = G1Point(x: x, y: y, z: .one)
                #expect(p.isInG1 == p.isInG1ByOrder)
                let h = p.multiplied(byPublic: 0xd201000000010001)  // the G1 cofactor 1 - x
                #expect(h.isInG1 && h.isInG1ByOrder)
            }
        }
        #expect(g1Generator.isInG1 && g2Generator.isInG2)
        #expect(G1Point.identity.isInG1 && G2Point.identity.isInG2)
    }

    @Test func fp2SquareRoots() {
        var rng = SystemRandomNumberGenerator()
        for i in 0..<20 {
            let a = Fp2(Fp(small: rng.next() >> 1), i % 4 == 0 ? .zero : Fp(small: rng.next() >> 1))
            let square = a.squared
            let root = square.sqrt
            #expect(root == a || root == -a)
            // Multiplying by the non-square xi makes a non-square.
            #expect(square.isZero || (square * Fp2(.one, .one)).sqrt == nil)
        }
        // Pure Fp elements: squares in Fp and non-squares in Fp both have roots in Fp2.
        for v in UInt64(1)...UInt64(10) {
            let a = Fp2(Fp(small: v), .zero)
            #expect(a.sqrt.map { $0.squared == a } == true)
            #expect(Fp2(-Fp(small: v), .zero).sqrt.map { $0.squared == Fp2(-Fp(small: v), .zero) } == true)
        }
    }

    /// The variable-time inversion (binary extended Euclid) against Fermat's, and both against
    /// the definition, on random elements, the edge values 1 and p - 1, and zero.
    @Test func inversionsAgree() {
        var rng = SystemRandomNumberGenerator()
        var values: [Fp] = [.one, -Fp.one, Fp(small: 2)]
        for _ in 0..<20 {
            let bytes = (0..<64).map { _ in UInt8.random(in: 0...255, using: &rng) }
            values.append(Fp.fromWideBigEndian(bytes, offset: 0))
        }
        for a in values where !a.isZero {
            #expect(a.inverseVariableTime == a.inverse)
            #expect(a * a.inverseVariableTime == .one)
        }
        #expect(Fp.zero.inverseVariableTime.isZero)
        for i in 0..<(values.count - 1) {
            let b = Fp2(values[i], values[i + 1])
            #expect(b * b.inverseVariableTime == .one)
        }
    }
}
