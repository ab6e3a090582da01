/// A 768-bit unreduced value: a product of two field elements before Montgomery reduction.
///
/// Lazy reduction works on these: sums and differences of products are formed at full width and
/// reduced once. Invariant for `Fp.montgomeryReduce`: the value is below p·R (R = 2^384), which
/// holds for a product of two values below 2p (4p < R) and for the differences formed below.
struct FpWide: Sendable {
    var l0: UInt64, l1: UInt64, l2: UInt64, l3: UInt64, l4: UInt64, l5: UInt64
    var l6: UInt64, l7: UInt64, l8: UInt64, l9: UInt64, l10: UInt64, l11: UInt64

    @inline(__always)
    init(
        _ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64, _ l5: UInt64,
        _ l6: UInt64, _ l7: UInt64, _ l8: UInt64, _ l9: UInt64, _ l10: UInt64, _ l11: UInt64
    ) {
        self.l0 = l0; self.l1 = l1; self.l2 = l2; self.l3 = l3; self.l4 = l4; self.l5 = l5
        self.l6 = l6; self.l7 = l7; self.l8 = l8; self.l9 = l9; self.l10 = l10; self.l11 = l11
    }

    /// a - b over twelve limbs; the caller guarantees a >= b.
    @_transparent
    static func - (a: FpWide, b: FpWide) -> FpWide {
        var borrow: UInt64 = 0
        let d0: UInt64
        let d1: UInt64
        let d2: UInt64
        let d3: UInt64
        let d4: UInt64
        let d5: UInt64
        let d6: UInt64
        let d7: UInt64
        let d8: UInt64
        let d9: UInt64
        let d10: UInt64
        let d11: UInt64
        (d0, borrow) = sbb(a.l0, b.l0, 0)
        (d1, borrow) = sbb(a.l1, b.l1, borrow)
        (d2, borrow) = sbb(a.l2, b.l2, borrow)
        (d3, borrow) = sbb(a.l3, b.l3, borrow)
        (d4, borrow) = sbb(a.l4, b.l4, borrow)
        (d5, borrow) = sbb(a.l5, b.l5, borrow)
        (d6, borrow) = sbb(a.l6, b.l6, borrow)
        (d7, borrow) = sbb(a.l7, b.l7, borrow)
        (d8, borrow) = sbb(a.l8, b.l8, borrow)
        (d9, borrow) = sbb(a.l9, b.l9, borrow)
        (d10, borrow) = sbb(a.l10, b.l10, borrow)
        (d11, borrow) = sbb(a.l11, b.l11, borrow)
        _ = borrow
        return FpWide(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11)
    }

    /// a - b, plus p·2^384 when that is negative: congruent to a - b modulo p, and below p·R
    /// when a and b are below p·2^384.
    @_transparent
    static func subtractingModular(_ a: FpWide, _ b: FpWide) -> FpWide {
        var borrow: UInt64 = 0
        var d0: UInt64
        var d1: UInt64
        var d2: UInt64
        var d3: UInt64
        var d4: UInt64
        var d5: UInt64
        var d6: UInt64
        var d7: UInt64
        var d8: UInt64
        var d9: UInt64
        var d10: UInt64
        var d11: UInt64
        (d0, borrow) = sbb(a.l0, b.l0, 0)
        (d1, borrow) = sbb(a.l1, b.l1, borrow)
        (d2, borrow) = sbb(a.l2, b.l2, borrow)
        (d3, borrow) = sbb(a.l3, b.l3, borrow)
        (d4, borrow) = sbb(a.l4, b.l4, borrow)
        (d5, borrow) = sbb(a.l5, b.l5, borrow)
        (d6, borrow) = sbb(a.l6, b.l6, borrow)
        (d7, borrow) = sbb(a.l7, b.l7, borrow)
        (d8, borrow) = sbb(a.l8, b.l8, borrow)
        (d9, borrow) = sbb(a.l9, b.l9, borrow)
        (d10, borrow) = sbb(a.l10, b.l10, borrow)
        (d11, borrow) = sbb(a.l11, b.l11, borrow)
        let m = maskFromBit(borrow)
        var c: UInt64 = 0
        (d6, c) = adc(d6, Fp.p0 & m, 0)
        (d7, c) = adc(d7, Fp.p1 & m, c)
        (d8, c) = adc(d8, Fp.p2 & m, c)
        (d9, c) = adc(d9, Fp.p3 & m, c)
        (d10, c) = adc(d10, Fp.p4 & m, c)
        (d11, c) = adc(d11, Fp.p5 & m, c)
        _ = c
        return FpWide(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11)
    }
}

// Straight-line kernels (generated once from a small script, then kept as source): the
// optimiser keeps every limb in a register, with no arrays, loops or bounds checks.
extension Fp {
    /// The full 768-bit product a·b as twelve little-endian limbs (schoolbook, row by row).
    @inline(__always)
    static func mulWide(_ a: Fp, _ b: Fp) -> FpWide {
        var carry: UInt64 = 0
        var r0: UInt64 = 0
        var r1: UInt64 = 0
        var r2: UInt64 = 0
        var r3: UInt64 = 0
        var r4: UInt64 = 0
        var r5: UInt64 = 0
        var r6: UInt64 = 0
        var r7: UInt64 = 0
        var r8: UInt64 = 0
        var r9: UInt64 = 0
        var r10: UInt64 = 0
        var r11: UInt64 = 0
        (carry, r0) = mac(a.l0, b.l0, r0, 0)
        (carry, r1) = mac(a.l1, b.l0, r1, carry)
        (carry, r2) = mac(a.l2, b.l0, r2, carry)
        (carry, r3) = mac(a.l3, b.l0, r3, carry)
        (carry, r4) = mac(a.l4, b.l0, r4, carry)
        (carry, r5) = mac(a.l5, b.l0, r5, carry)
        r6 = carry
        (carry, r1) = mac(a.l0, b.l1, r1, 0)
        (carry, r2) = mac(a.l1, b.l1, r2, carry)
        (carry, r3) = mac(a.l2, b.l1, r3, carry)
        (carry, r4) = mac(a.l3, b.l1, r4, carry)
        (carry, r5) = mac(a.l4, b.l1, r5, carry)
        (carry, r6) = mac(a.l5, b.l1, r6, carry)
        r7 = carry
        (carry, r2) = mac(a.l0, b.l2, r2, 0)
        (carry, r3) = mac(a.l1, b.l2, r3, carry)
        (carry, r4) = mac(a.l2, b.l2, r4, carry)
        (carry, r5) = mac(a.l3, b.l2, r5, carry)
        (carry, r6) = mac(a.l4, b.l2, r6, carry)
        (carry, r7) = mac(a.l5, b.l2, r7, carry)
        r8 = carry
        (carry, r3) = mac(a.l0, b.l3, r3, 0)
        (carry, r4) = mac(a.l1, b.l3, r4, carry)
        (carry, r5) = mac(a.l2, b.l3, r5, carry)
        (carry, r6) = mac(a.l3, b.l3, r6, carry)
        (carry, r7) = mac(a.l4, b.l3, r7, carry)
        (carry, r8) = mac(a.l5, b.l3, r8, carry)
        r9 = carry
        (carry, r4) = mac(a.l0, b.l4, r4, 0)
        (carry, r5) = mac(a.l1, b.l4, r5, carry)
        (carry, r6) = mac(a.l2, b.l4, r6, carry)
        (carry, r7) = mac(a.l3, b.l4, r7, carry)
        (carry, r8) = mac(a.l4, b.l4, r8, carry)
        (carry, r9) = mac(a.l5, b.l4, r9, carry)
        r10 = carry
        (carry, r5) = mac(a.l0, b.l5, r5, 0)
        (carry, r6) = mac(a.l1, b.l5, r6, carry)
        (carry, r7) = mac(a.l2, b.l5, r7, carry)
        (carry, r8) = mac(a.l3, b.l5, r8, carry)
        (carry, r9) = mac(a.l4, b.l5, r9, carry)
        (carry, r10) = mac(a.l5, b.l5, r10, carry)
        r11 = carry
        _ = carry
        return FpWide(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11)
    }

    /// a^2 as twelve limbs: the fifteen cross products once, doubled, plus the six squares.
    @inline(__always)
    static func sqrWide(_ a: Fp) -> FpWide {
        var carry: UInt64 = 0
        var r0: UInt64 = 0
        var r1: UInt64 = 0
        var r2: UInt64 = 0
        var r3: UInt64 = 0
        var r4: UInt64 = 0
        var r5: UInt64 = 0
        var r6: UInt64 = 0
        var r7: UInt64 = 0
        var r8: UInt64 = 0
        var r9: UInt64 = 0
        var r10: UInt64 = 0
        var r11: UInt64 = 0
        (carry, r1) = mac(a.l0, a.l1, r1, 0)
        (carry, r2) = mac(a.l0, a.l2, r2, carry)
        (carry, r3) = mac(a.l0, a.l3, r3, carry)
        (carry, r4) = mac(a.l0, a.l4, r4, carry)
        (carry, r5) = mac(a.l0, a.l5, r5, carry)
        r6 = carry
        (carry, r3) = mac(a.l1, a.l2, r3, 0)
        (carry, r4) = mac(a.l1, a.l3, r4, carry)
        (carry, r5) = mac(a.l1, a.l4, r5, carry)
        (carry, r6) = mac(a.l1, a.l5, r6, carry)
        r7 = carry
        (carry, r5) = mac(a.l2, a.l3, r5, 0)
        (carry, r6) = mac(a.l2, a.l4, r6, carry)
        (carry, r7) = mac(a.l2, a.l5, r7, carry)
        r8 = carry
        (carry, r7) = mac(a.l3, a.l4, r7, 0)
        (carry, r8) = mac(a.l3, a.l5, r8, carry)
        r9 = carry
        (carry, r9) = mac(a.l4, a.l5, r9, 0)
        r10 = carry
        r11 = r10 >> 63
        r10 = (r10 << 1) | (r9 >> 63)
        r9 = (r9 << 1) | (r8 >> 63)
        r8 = (r8 << 1) | (r7 >> 63)
        r7 = (r7 << 1) | (r6 >> 63)
        r6 = (r6 << 1) | (r5 >> 63)
        r5 = (r5 << 1) | (r4 >> 63)
        r4 = (r4 << 1) | (r3 >> 63)
        r3 = (r3 << 1) | (r2 >> 63)
        r2 = (r2 << 1) | (r1 >> 63)
        r1 = r1 << 1
        var hi: UInt64 = 0, lo: UInt64 = 0
        carry = 0
        (hi, lo) = mac(a.l0, a.l0, 0, 0)
        (r0, carry) = adc(r0, lo, carry)
        (r1, carry) = adc(r1, hi, carry)
        (hi, lo) = mac(a.l1, a.l1, 0, 0)
        (r2, carry) = adc(r2, lo, carry)
        (r3, carry) = adc(r3, hi, carry)
        (hi, lo) = mac(a.l2, a.l2, 0, 0)
        (r4, carry) = adc(r4, lo, carry)
        (r5, carry) = adc(r5, hi, carry)
        (hi, lo) = mac(a.l3, a.l3, 0, 0)
        (r6, carry) = adc(r6, lo, carry)
        (r7, carry) = adc(r7, hi, carry)
        (hi, lo) = mac(a.l4, a.l4, 0, 0)
        (r8, carry) = adc(r8, lo, carry)
        (r9, carry) = adc(r9, hi, carry)
        (hi, lo) = mac(a.l5, a.l5, 0, 0)
        (r10, carry) = adc(r10, lo, carry)
        (r11, carry) = adc(r11, hi, carry)
        _ = carry
        return FpWide(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11)
    }

    /// Montgomery reduction t·R^-1 mod p for t < p·R, fully reduced.
    @_transparent
    static func montgomeryReduce(_ t: FpWide) -> Fp {
        let r0 = t.l0
        var r1 = t.l1
        var r2 = t.l2
        var r3 = t.l3
        var r4 = t.l4
        var r5 = t.l5
        var r6 = t.l6
        var r7 = t.l7
        var r8 = t.l8
        var r9 = t.l9
        var r10 = t.l10
        var r11 = t.l11
        var m: UInt64 = 0, carry: UInt64 = 0, carry2: UInt64 = 0, discard: UInt64 = 0
        m = r0 &* Fp.inv
        (carry, discard) = mac(m, Fp.p0, r0, 0)
        (carry, r1) = mac(m, Fp.p1, r1, carry)
        (carry, r2) = mac(m, Fp.p2, r2, carry)
        (carry, r3) = mac(m, Fp.p3, r3, carry)
        (carry, r4) = mac(m, Fp.p4, r4, carry)
        (carry, r5) = mac(m, Fp.p5, r5, carry)
        (r6, carry2) = adc(r6, carry, carry2)
        m = r1 &* Fp.inv
        (carry, discard) = mac(m, Fp.p0, r1, 0)
        (carry, r2) = mac(m, Fp.p1, r2, carry)
        (carry, r3) = mac(m, Fp.p2, r3, carry)
        (carry, r4) = mac(m, Fp.p3, r4, carry)
        (carry, r5) = mac(m, Fp.p4, r5, carry)
        (carry, r6) = mac(m, Fp.p5, r6, carry)
        (r7, carry2) = adc(r7, carry, carry2)
        m = r2 &* Fp.inv
        (carry, discard) = mac(m, Fp.p0, r2, 0)
        (carry, r3) = mac(m, Fp.p1, r3, carry)
        (carry, r4) = mac(m, Fp.p2, r4, carry)
        (carry, r5) = mac(m, Fp.p3, r5, carry)
        (carry, r6) = mac(m, Fp.p4, r6, carry)
        (carry, r7) = mac(m, Fp.p5, r7, carry)
        (r8, carry2) = adc(r8, carry, carry2)
        m = r3 &* Fp.inv
        (carry, discard) = mac(m, Fp.p0, r3, 0)
        (carry, r4) = mac(m, Fp.p1, r4, carry)
        (carry, r5) = mac(m, Fp.p2, r5, carry)
        (carry, r6) = mac(m, Fp.p3, r6, carry)
        (carry, r7) = mac(m, Fp.p4, r7, carry)
        (carry, r8) = mac(m, Fp.p5, r8, carry)
        (r9, carry2) = adc(r9, carry, carry2)
        m = r4 &* Fp.inv
        (carry, discard) = mac(m, Fp.p0, r4, 0)
        (carry, r5) = mac(m, Fp.p1, r5, carry)
        (carry, r6) = mac(m, Fp.p2, r6, carry)
        (carry, r7) = mac(m, Fp.p3, r7, carry)
        (carry, r8) = mac(m, Fp.p4, r8, carry)
        (carry, r9) = mac(m, Fp.p5, r9, carry)
        (r10, carry2) = adc(r10, carry, carry2)
        m = r5 &* Fp.inv
        (carry, discard) = mac(m, Fp.p0, r5, 0)
        (carry, r6) = mac(m, Fp.p1, r6, carry)
        (carry, r7) = mac(m, Fp.p2, r7, carry)
        (carry, r8) = mac(m, Fp.p3, r8, carry)
        (carry, r9) = mac(m, Fp.p4, r9, carry)
        (carry, r10) = mac(m, Fp.p5, r10, carry)
        (r11, carry2) = adc(r11, carry, carry2)
        _ = discard; _ = carry2
        _ = r0
        _ = r1
        _ = r2
        _ = r3
        _ = r4
        _ = r5
        return Fp.reduceOnce(r6, r7, r8, r9, r10, r11)
    }
}
