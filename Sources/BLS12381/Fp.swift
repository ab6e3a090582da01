/// An element of the base field GF(p), p = 0x1a0111ea...aaab (381 bits).
///
/// Invariant: the six little-endian limbs hold a·R mod p (Montgomery form, R = 2^384), fully
/// reduced below p. Arithmetic is branch-free and allocation-free; only `pow` with a public
/// exponent, `inverse`, `sqrt` and the parsing helpers look at bits, and only of public values
/// or of exponents that are constants.
struct Fp: FieldElement {
    var l0: UInt64, l1: UInt64, l2: UInt64, l3: UInt64, l4: UInt64, l5: UInt64

    @inline(__always)
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64, _ l5: UInt64) {
        self.l0 = l0; self.l1 = l1; self.l2 = l2; self.l3 = l3; self.l4 = l4; self.l5 = l5
    }

    /// Subtracts p once when the value is at least p (input must be below 2p).
    @_transparent
    static func reduceOnce(
        _ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64, _ a4: UInt64, _ a5: UInt64
    ) -> Fp {
        var borrow: UInt64 = 0
        let d0: UInt64, d1: UInt64, d2: UInt64, d3: UInt64, d4: UInt64, d5: UInt64
        (d0, borrow) = sbb(a0, p0, 0)
        (d1, borrow) = sbb(a1, p1, borrow)
        (d2, borrow) = sbb(a2, p2, borrow)
        (d3, borrow) = sbb(a3, p3, borrow)
        (d4, borrow) = sbb(a4, p4, borrow)
        (d5, borrow) = sbb(a5, p5, borrow)
        // borrow = 1 means a < p: keep a.
        let keep = maskFromBit(borrow)
        return Fp(
            (a0 & keep) | (d0 & ~keep), (a1 & keep) | (d1 & ~keep), (a2 & keep) | (d2 & ~keep),
            (a3 & keep) | (d3 & ~keep), (a4 & keep) | (d4 & ~keep), (a5 & keep) | (d5 & ~keep))
    }

    @_transparent
    static func + (a: Fp, b: Fp) -> Fp {
        // p < 2^382, so a + b < 2^383 never carries out of the top limb.
        var c: UInt64 = 0
        let s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64, s4: UInt64, s5: UInt64
        (s0, c) = adc(a.l0, b.l0, 0)
        (s1, c) = adc(a.l1, b.l1, c)
        (s2, c) = adc(a.l2, b.l2, c)
        (s3, c) = adc(a.l3, b.l3, c)
        (s4, c) = adc(a.l4, b.l4, c)
        (s5, c) = adc(a.l5, b.l5, c)
        return reduceOnce(s0, s1, s2, s3, s4, s5)
    }

    @_transparent
    static func - (a: Fp, b: Fp) -> Fp {
        var borrow: UInt64 = 0
        let d0: UInt64, d1: UInt64, d2: UInt64, d3: UInt64, d4: UInt64, d5: UInt64
        (d0, borrow) = sbb(a.l0, b.l0, 0)
        (d1, borrow) = sbb(a.l1, b.l1, borrow)
        (d2, borrow) = sbb(a.l2, b.l2, borrow)
        (d3, borrow) = sbb(a.l3, b.l3, borrow)
        (d4, borrow) = sbb(a.l4, b.l4, borrow)
        (d5, borrow) = sbb(a.l5, b.l5, borrow)
        // On underflow add p back, masked so there is no branch.
        let m = maskFromBit(borrow)
        var c: UInt64 = 0
        let r0: UInt64, r1: UInt64, r2: UInt64, r3: UInt64, r4: UInt64, r5: UInt64
        (r0, c) = adc(d0, p0 & m, 0)
        (r1, c) = adc(d1, p1 & m, c)
        (r2, c) = adc(d2, p2 & m, c)
        (r3, c) = adc(d3, p3 & m, c)
        (r4, c) = adc(d4, p4 & m, c)
        (r5, _) = adc(d5, p5 & m, c)
        return Fp(r0, r1, r2, r3, r4, r5)
    }

    @_transparent
    static prefix func - (a: Fp) -> Fp { Fp.zero - a }

    @_transparent
    var doubled: Fp { self + self }

    /// a + b without the final reduction: below 2p, accepted by `*`, `squared` and the wide
    /// kernels (not a valid `Fp` for anything else).
    @_transparent
    func addingUnreduced(_ b: Fp) -> Fp {
        var c: UInt64 = 0
        let s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64, s4: UInt64, s5: UInt64
        (s0, c) = adc(l0, b.l0, 0)
        (s1, c) = adc(l1, b.l1, c)
        (s2, c) = adc(l2, b.l2, c)
        (s3, c) = adc(l3, b.l3, c)
        (s4, c) = adc(l4, b.l4, c)
        (s5, _) = adc(l5, b.l5, c)
        return Fp(s0, s1, s2, s3, s4, s5)
    }

    /// self + p - b, in (0, 2p) for reduced inputs; same use as `addingUnreduced`.
    @_transparent
    func subtractingUnreduced(_ b: Fp) -> Fp {
        var c: UInt64 = 0
        let s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64, s4: UInt64, s5: UInt64
        (s0, c) = adc(l0, Fp.p0, 0)
        (s1, c) = adc(l1, Fp.p1, c)
        (s2, c) = adc(l2, Fp.p2, c)
        (s3, c) = adc(l3, Fp.p3, c)
        (s4, c) = adc(l4, Fp.p4, c)
        (s5, _) = adc(l5, Fp.p5, c)
        var borrow: UInt64 = 0
        let d0: UInt64, d1: UInt64, d2: UInt64, d3: UInt64, d4: UInt64, d5: UInt64
        (d0, borrow) = sbb(s0, b.l0, 0)
        (d1, borrow) = sbb(s1, b.l1, borrow)
        (d2, borrow) = sbb(s2, b.l2, borrow)
        (d3, borrow) = sbb(s3, b.l3, borrow)
        (d4, borrow) = sbb(s4, b.l4, borrow)
        (d5, _) = sbb(s5, b.l5, borrow)
        return Fp(d0, d1, d2, d3, d4, d5)
    }

    /// Montgomery product, fully reduced. Inputs may be unreduced values below 2p: the running
    /// value stays below 2^383, and the result (ab + mp)/R < 4p^2/R + p < 1.5p needs one
    /// conditional subtraction.
    // Not inlined: the unrolled body is large, and inlining it into every Fp2/Fp6/Fp12 formula
    // makes optimisation time explode for a few percent of speed.
    @inline(never)
    static func * (a: Fp, b: Fp) -> Fp {
        // CIOS Montgomery multiplication; the top limb of p is below 2^63 - 1, so the running
        // value never needs a seventh limb ("no-carry" variant).
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0, t4: UInt64 = 0, t5: UInt64 = 0
        var carryA: UInt64 = 0, carryC: UInt64 = 0, m: UInt64 = 0, discard: UInt64 = 0
        // Row 0.
        (carryA, t0) = mac(a.l0, b.l0, t0, 0)
        m = t0 &* Fp.inv
        (carryC, discard) = mac(m, Fp.p0, t0, 0)
        (carryA, t1) = mac(a.l1, b.l0, t1, carryA)
        (carryC, t0) = mac(m, Fp.p1, t1, carryC)
        (carryA, t2) = mac(a.l2, b.l0, t2, carryA)
        (carryC, t1) = mac(m, Fp.p2, t2, carryC)
        (carryA, t3) = mac(a.l3, b.l0, t3, carryA)
        (carryC, t2) = mac(m, Fp.p3, t3, carryC)
        (carryA, t4) = mac(a.l4, b.l0, t4, carryA)
        (carryC, t3) = mac(m, Fp.p4, t4, carryC)
        (carryA, t5) = mac(a.l5, b.l0, t5, carryA)
        (carryC, t4) = mac(m, Fp.p5, t5, carryC)
        t5 = carryC &+ carryA
        // Row 1.
        (carryA, t0) = mac(a.l0, b.l1, t0, 0)
        m = t0 &* Fp.inv
        (carryC, discard) = mac(m, Fp.p0, t0, 0)
        (carryA, t1) = mac(a.l1, b.l1, t1, carryA)
        (carryC, t0) = mac(m, Fp.p1, t1, carryC)
        (carryA, t2) = mac(a.l2, b.l1, t2, carryA)
        (carryC, t1) = mac(m, Fp.p2, t2, carryC)
        (carryA, t3) = mac(a.l3, b.l1, t3, carryA)
        (carryC, t2) = mac(m, Fp.p3, t3, carryC)
        (carryA, t4) = mac(a.l4, b.l1, t4, carryA)
        (carryC, t3) = mac(m, Fp.p4, t4, carryC)
        (carryA, t5) = mac(a.l5, b.l1, t5, carryA)
        (carryC, t4) = mac(m, Fp.p5, t5, carryC)
        t5 = carryC &+ carryA
        // Row 2.
        (carryA, t0) = mac(a.l0, b.l2, t0, 0)
        m = t0 &* Fp.inv
        (carryC, discard) = mac(m, Fp.p0, t0, 0)
        (carryA, t1) = mac(a.l1, b.l2, t1, carryA)
        (carryC, t0) = mac(m, Fp.p1, t1, carryC)
        (carryA, t2) = mac(a.l2, b.l2, t2, carryA)
        (carryC, t1) = mac(m, Fp.p2, t2, carryC)
        (carryA, t3) = mac(a.l3, b.l2, t3, carryA)
        (carryC, t2) = mac(m, Fp.p3, t3, carryC)
        (carryA, t4) = mac(a.l4, b.l2, t4, carryA)
        (carryC, t3) = mac(m, Fp.p4, t4, carryC)
        (carryA, t5) = mac(a.l5, b.l2, t5, carryA)
        (carryC, t4) = mac(m, Fp.p5, t5, carryC)
        t5 = carryC &+ carryA
        // Row 3.
        (carryA, t0) = mac(a.l0, b.l3, t0, 0)
        m = t0 &* Fp.inv
        (carryC, discard) = mac(m, Fp.p0, t0, 0)
        (carryA, t1) = mac(a.l1, b.l3, t1, carryA)
        (carryC, t0) = mac(m, Fp.p1, t1, carryC)
        (carryA, t2) = mac(a.l2, b.l3, t2, carryA)
        (carryC, t1) = mac(m, Fp.p2, t2, carryC)
        (carryA, t3) = mac(a.l3, b.l3, t3, carryA)
        (carryC, t2) = mac(m, Fp.p3, t3, carryC)
        (carryA, t4) = mac(a.l4, b.l3, t4, carryA)
        (carryC, t3) = mac(m, Fp.p4, t4, carryC)
        (carryA, t5) = mac(a.l5, b.l3, t5, carryA)
        (carryC, t4) = mac(m, Fp.p5, t5, carryC)
        t5 = carryC &+ carryA
        // Row 4.
        (carryA, t0) = mac(a.l0, b.l4, t0, 0)
        m = t0 &* Fp.inv
        (carryC, discard) = mac(m, Fp.p0, t0, 0)
        (carryA, t1) = mac(a.l1, b.l4, t1, carryA)
        (carryC, t0) = mac(m, Fp.p1, t1, carryC)
        (carryA, t2) = mac(a.l2, b.l4, t2, carryA)
        (carryC, t1) = mac(m, Fp.p2, t2, carryC)
        (carryA, t3) = mac(a.l3, b.l4, t3, carryA)
        (carryC, t2) = mac(m, Fp.p3, t3, carryC)
        (carryA, t4) = mac(a.l4, b.l4, t4, carryA)
        (carryC, t3) = mac(m, Fp.p4, t4, carryC)
        (carryA, t5) = mac(a.l5, b.l4, t5, carryA)
        (carryC, t4) = mac(m, Fp.p5, t5, carryC)
        t5 = carryC &+ carryA
        // Row 5.
        (carryA, t0) = mac(a.l0, b.l5, t0, 0)
        m = t0 &* Fp.inv
        (carryC, discard) = mac(m, Fp.p0, t0, 0)
        (carryA, t1) = mac(a.l1, b.l5, t1, carryA)
        (carryC, t0) = mac(m, Fp.p1, t1, carryC)
        (carryA, t2) = mac(a.l2, b.l5, t2, carryA)
        (carryC, t1) = mac(m, Fp.p2, t2, carryC)
        (carryA, t3) = mac(a.l3, b.l5, t3, carryA)
        (carryC, t2) = mac(m, Fp.p3, t3, carryC)
        (carryA, t4) = mac(a.l4, b.l5, t4, carryA)
        (carryC, t3) = mac(m, Fp.p4, t4, carryC)
        (carryA, t5) = mac(a.l5, b.l5, t5, carryA)
        (carryC, t4) = mac(m, Fp.p5, t5, carryC)
        t5 = carryC &+ carryA
        _ = discard
        return Fp.reduceOnce(t0, t1, t2, t3, t4, t5)
    }

    /// Dedicated squaring: 21 limb products instead of 36, then one Montgomery reduction.
    /// Accepts an unreduced input below 2p, like `*`.
    @inline(never)
    var squared: Fp { Fp.montgomeryReduce(Fp.sqrWide(self)) }

    var isZero: Bool { (l0 | l1 | l2 | l3 | l4 | l5) == 0 }

    @inline(__always)
    static func select(_ a: Fp, _ b: Fp, mask: UInt64) -> Fp {
        Fp(
            (a.l0 & ~mask) | (b.l0 & mask), (a.l1 & ~mask) | (b.l1 & mask),
            (a.l2 & ~mask) | (b.l2 & mask), (a.l3 & ~mask) | (b.l3 & mask),
            (a.l4 & ~mask) | (b.l4 & mask), (a.l5 & ~mask) | (b.l5 & mask))
    }

    /// 3b = 12 on E1: y^2 = x^3 + 4.
    @inline(__always)
    var timesThreeB: Fp {
        let t2 = self.doubled
        let t4 = t2.doubled
        let t8 = t4.doubled
        return t8 + t4
    }

    /// self^e for a public exponent given as little-endian limbs: sliding windows of up to
    /// five bits over the odd powers self^1, self^3, ..., self^31. The sequence of squarings and
    /// multiplications depends only on the exponent (public constants here), so the run time
    /// does not depend on `self`.
    func pow(_ exponent: [UInt64]) -> Fp {
        var odd = [Fp](repeating: self, count: 16)
        let square = self.squared
        for i in 1..<16 { odd[i] = odd[i - 1] * square }
        func bit(_ i: Int) -> Bool { (exponent[i / 64] >> UInt64(i % 64)) & 1 == 1 }
        var result = Fp.one
        var started = false
        var i = exponent.count * 64 - 1
        while i >= 0 {
            guard bit(i) else {
                if started { result = result.squared }
                i -= 1
                continue
            }
            // The window is bits i...j with bit j set, at most five bits long.
            var j = Swift.max(i - 4, 0)
            while !bit(j) { j += 1 }
            var value = 0
            for k in stride(from: i, through: j, by: -1) { value = (value << 1) | (bit(k) ? 1 : 0) }
            if started {
                for _ in j...i { result = result.squared }
                result = result * odd[value >> 1]
            } else {
                result = odd[value >> 1]
                started = true
            }
            i = j - 1
        }
        return result
    }

    /// The multiplicative inverse (zero maps to zero), by Fermat: a^(p-2). Constant-time.
    var inverse: Fp { pow(Fp.exponentInverse) }

    /// The inverse of a PUBLIC value (zero maps to zero), by the binary extended Euclidean
    /// algorithm on the limbs: several times faster than `inverse`, but its steps depend on the
    /// value, so it is only for public data (hashing to the curve, verification, affine forms of
    /// public points).
    var inverseVariableTime: Fp {
        if isZero { return .zero }
        // Invariants: x1·self = u and x2·self = v (mod p), reading the limbs as plain integers.
        // gcd(self, p) = 1, so u = v only at 1 and neither ever reaches zero.
        var u = self
        var v = Fp(Fp.p0, Fp.p1, Fp.p2, Fp.p3, Fp.p4, Fp.p5)
        var x1 = Fp(1, 0, 0, 0, 0, 0)
        var x2 = Fp.zero
        while !u.isIntegerOne && !v.isIntegerOne {
            while u.l0 & 1 == 0 {
                u = u.integerHalved
                x1 = x1.halvedModP
            }
            while v.l0 & 1 == 0 {
                v = v.integerHalved
                x2 = x2.halvedModP
            }
            if let d = u.integerMinus(v) {
                u = d
                x1 = x1 - x2
            } else if let d = v.integerMinus(u) {
                v = d
                x2 = x2 - x1
            }
        }
        // (aR)^-1 as a plain integer; the Montgomery product with R^3 gives a^-1·R.
        return (u.isIntegerOne ? x1 : x2) * Fp.rCubed
    }

    /// R^3 mod p as raw limbs (the Montgomery product of R^2 with itself).
    static let rCubed = Fp.rSquared * Fp.rSquared

    private var isIntegerOne: Bool { l0 == 1 && (l1 | l2 | l3 | l4 | l5) == 0 }

    private var integerHalved: Fp {
        Fp(
            (l0 >> 1) | (l1 << 63), (l1 >> 1) | (l2 << 63), (l2 >> 1) | (l3 << 63),
            (l3 >> 1) | (l4 << 63), (l4 >> 1) | (l5 << 63), l5 >> 1)
    }

    /// self/2 mod p for self < p: add p when odd (below 2p < 2^382), then shift.
    private var halvedModP: Fp {
        guard l0 & 1 == 1 else { return integerHalved }
        return addingUnreduced(Fp(Fp.p0, Fp.p1, Fp.p2, Fp.p3, Fp.p4, Fp.p5)).integerHalved
    }

    /// self - b as integers, or nil when b is larger.
    private func integerMinus(_ b: Fp) -> Fp? {
        var borrow: UInt64 = 0
        let d0: UInt64, d1: UInt64, d2: UInt64, d3: UInt64, d4: UInt64, d5: UInt64
        (d0, borrow) = sbb(l0, b.l0, 0)
        (d1, borrow) = sbb(l1, b.l1, borrow)
        (d2, borrow) = sbb(l2, b.l2, borrow)
        (d3, borrow) = sbb(l3, b.l3, borrow)
        (d4, borrow) = sbb(l4, b.l4, borrow)
        (d5, borrow) = sbb(l5, b.l5, borrow)
        return borrow == 0 ? Fp(d0, d1, d2, d3, d4, d5) : nil
    }

    /// A square root when one exists (p = 3 mod 4, so it is a^((p+1)/4)).
    var sqrt: Fp? {
        let root = pow(Fp.exponentSqrt)
        return root.squared == self ? root : nil
    }

    /// Whether the element is a square (zero counts as a square).
    var isSquare: Bool {
        let legendre = pow(Fp.exponentLegendre)
        return legendre == Fp.one || legendre.isZero
    }

    /// The canonical integer (out of Montgomery form), little-endian limbs.
    var canonical: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) {
        let r = self * Fp(1, 0, 0, 0, 0, 0)
        return (r.l0, r.l1, r.l2, r.l3, r.l4, r.l5)
    }

    /// From a canonical integer; nil when it is not below p.
    static func fromCanonical(
        _ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64, _ a4: UInt64, _ a5: UInt64
    ) -> Fp? {
        var borrow: UInt64 = 0
        (_, borrow) = sbb(a0, p0, 0)
        (_, borrow) = sbb(a1, p1, borrow)
        (_, borrow) = sbb(a2, p2, borrow)
        (_, borrow) = sbb(a3, p3, borrow)
        (_, borrow) = sbb(a4, p4, borrow)
        (_, borrow) = sbb(a5, p5, borrow)
        guard borrow == 1 else { return nil }
        return Fp(a0, a1, a2, a3, a4, a5) * Fp.rSquared
    }

    /// A small integer.
    init(small: UInt64) {
        self = Fp(small, 0, 0, 0, 0, 0) * Fp.rSquared
    }

    /// Parses 48 big-endian bytes starting at `offset`; nil when the integer is not below p.
    static func fromBigEndian(_ bytes: UnsafeRawBufferPointer, offset: Int) -> Fp? {
        func limb(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            let start = offset + 40 - 8 * i
            for k in 0..<8 { v = (v << 8) | UInt64(bytes[start + k]) }
            return v
        }
        return fromCanonical(limb(0), limb(1), limb(2), limb(3), limb(4), limb(5))
    }

    /// Reduces a 64-byte big-endian integer modulo p (RFC 9380 hash_to_field with L = 64).
    static func fromWideBigEndian(_ bytes: [UInt8], offset: Int) -> Fp {
        // value = hi * 2^256 + lo with hi, lo < 2^256 < p, so both are canonical.
        func limb(_ start: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<8 { v = (v << 8) | UInt64(bytes[offset + start + k]) }
            return v
        }
        let hi = Fp(limb(24), limb(16), limb(8), limb(0), 0, 0) * Fp.rSquared
        let lo = Fp(limb(56), limb(48), limb(40), limb(32), 0, 0) * Fp.rSquared
        return hi * Fp.twoTo256 + lo
    }

    /// The 48-byte big-endian encoding of the canonical integer.
    var bigEndianBytes: [UInt8] {
        let c = canonical
        let limbs = [c.5, c.4, c.3, c.2, c.1, c.0]
        var out = [UInt8]()
        out.reserveCapacity(48)
        for limb in limbs {
            for k in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: limb >> UInt64(k))) }
        }
        return out
    }

    /// Whether the canonical integer is odd (RFC 9380 sgn0 for Fp).
    var isOdd: Bool { canonical.0 & 1 == 1 }

    /// Whether the canonical integer exceeds (p - 1) / 2 (ZCash "lexicographically largest").
    var isLexicographicallyLargest: Bool {
        let c = canonical
        let a = [c.0, c.1, c.2, c.3, c.4, c.5]
        let h = Fp.halfModulusLimbs
        for i in stride(from: 5, through: 0, by: -1) where a[i] != h[i] {
            return a[i] > h[i]
        }
        return false
    }
}
