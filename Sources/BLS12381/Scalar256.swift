/// A 256-bit little-endian integer held in four limbs (a secret scalar or the group order).
///
/// The helpers here run in constant time: the only indices and branches are loop counters.
struct Scalar256: Sendable {
    var l0: UInt64, l1: UInt64, l2: UInt64, l3: UInt64

    /// The limb holding bits 64i...64i+63 (i is public).
    @inline(__always)
    func limb(_ i: Int) -> UInt64 {
        switch i {
        case 0: return l0
        case 1: return l1
        case 2: return l2
        default: return l3
        }
    }

    @inline(__always)
    mutating func setLimb(_ i: Int, _ value: UInt64) {
        switch i {
        case 0: l0 = value
        case 1: l1 = value
        case 2: l2 = value
        default: l3 = value
        }
    }

    /// The 4-bit digit at bits 4w...4w+3 (w public, 0 ≤ w < 64).
    @inline(__always)
    func nibble(_ w: Int) -> UInt64 {
        (limb(w / 16) >> UInt64((w % 16) * 4)) & 0xF
    }

    /// (k0, k1) with self = k1·x^2 + k0 and 0 ≤ k0 < x^2 (x the BLS parameter). x^2 < 2^128
    /// and self < 2^256 give k1 < 2^129.
    func splitByXSquared() -> (k0: Scalar256, k1: Scalar256) {
        let (d1, d0) = blsXMagnitude.multipliedFullWidth(by: blsXMagnitude)
        let (q, r) = divided(byLow: d0, high: d1)
        return (r, q)
    }

    /// The digits of self in base |x|: self = k0 + k1·|x| + k2·|x|^2 + k3·|x|^3 with
    /// k0, k1, k2 < |x| < 2^64; k3 < 2^66 for any 256-bit value (below |x| when self < r).
    func splitByX() -> (Scalar256, Scalar256, Scalar256, Scalar256) {
        let (q1, k0) = divided(byLow: blsXMagnitude, high: 0)
        let (q2, k1) = q1.divided(byLow: blsXMagnitude, high: 0)
        let (k3, k2) = q2.divided(byLow: blsXMagnitude, high: 0)
        return (k0, k1, k2, k3)
    }

    /// (quotient, remainder) of self divided by a PUBLIC nonzero divisor d = high·2^64 + low:
    /// a restoring division, one masked trial subtraction per bit, so it takes the same steps
    /// for every value of self.
    func divided(byLow d0: UInt64, high d1: UInt64) -> (quotient: Scalar256, remainder: Scalar256) {
        var r0: UInt64 = 0, r1: UInt64 = 0, r2: UInt64 = 0
        var quotient = Scalar256(l0: 0, l1: 0, l2: 0, l3: 0)
        for limbIndex in stride(from: 3, through: 0, by: -1) {
            let word = limb(limbIndex)
            var q: UInt64 = 0
            for bit in stride(from: 63, through: 0, by: -1) {
                // r < d < 2^128 before the shift, so 2r + 1 fits three limbs.
                r2 = (r2 << 1) | (r1 >> 63)
                r1 = (r1 << 1) | (r0 >> 63)
                r0 = (r0 << 1) | ((word >> UInt64(bit)) & 1)
                var borrow: UInt64 = 0
                let t0: UInt64, t1: UInt64, t2: UInt64
                (t0, borrow) = sbb(r0, d0, 0)
                (t1, borrow) = sbb(r1, d1, borrow)
                (t2, borrow) = sbb(r2, 0, borrow)
                // borrow = 1: r < d, keep r and a zero quotient bit.
                let keep = maskFromBit(borrow)
                r0 = (r0 & keep) | (t0 & ~keep)
                r1 = (r1 & keep) | (t1 & ~keep)
                r2 = (r2 & keep) | (t2 & ~keep)
                q |= (borrow ^ 1) << UInt64(bit)
            }
            quotient.setLimb(limbIndex, q)
        }
        return (quotient, Scalar256(l0: r0, l1: r1, l2: 0, l3: 0))
    }
}
