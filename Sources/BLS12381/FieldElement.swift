/// The arithmetic shared by Fp and Fp2 that the curve code is generic over.
///
/// Every value is fully reduced, so `==` is equality in the field. `select` is branch-free and is
/// what code handling secret data uses instead of `if`.
protocol FieldElement: Equatable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    var squared: Self { get }
    var doubled: Self { get }
    var isZero: Bool { get }
    /// `mask` is all ones (take `b`) or all zeros (take `a`).
    static func select(_ a: Self, _ b: Self, mask: UInt64) -> Self
    /// Multiplies by 3b, where b is the curve's constant (4 on E1, 4(1 + u) on E2).
    var timesThreeB: Self { get }
    /// The multiplicative inverse; zero maps to zero. Constant time.
    var inverse: Self { get }
    /// The same for PUBLIC values only: faster, with value-dependent steps.
    var inverseVariableTime: Self { get }
    /// (sx, sy) such that (X : Y : Z) -> (sx·X : sy·Y : Z) acts as [x^2] on the curve's
    /// prime-order subgroup (x the BLS parameter): -phi on G1, psi^2 on G2.
    static var endomorphismXSquaredScales: (x: Self, y: Self) { get }
}

/// a * b + c + d as (high, low); cannot overflow since (2^64-1)^2 + 2(2^64-1) < 2^128.
@_transparent
func mac(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (UInt64, UInt64) {
    // Not multipliedFullWidth: inside the large unrolled multiplication the optimiser stops
    // inlining that call, and a call per limb product costs more than the product itself.
    // Whole 128-bit sums let LLVM emit add/adc pairs instead of flag materialisation.
    let t = UInt128(_low: a, _high: 0) &* UInt128(_low: b, _high: 0)
        &+ UInt128(_low: c, _high: 0) &+ UInt128(_low: d, _high: 0)
    return (t._high, t._low)
}

/// a + b + carry as (sum, carry out). Written as one 128-bit sum: LLVM then emits an add/adc
/// chain, where two overflow-reporting additions became flag juggling and even branches.
@_transparent
func adc(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let s = UInt128(_low: a, _high: 0) &+ UInt128(_low: b, _high: 0) &+ UInt128(_low: carry, _high: 0)
    return (s._low, s._high)
}

/// a - b - borrow as (difference, borrow out); the high half of the 128-bit difference is all
/// ones exactly when it went negative.
@_transparent
func sbb(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
    let d = UInt128(_low: a, _high: 0) &- UInt128(_low: b, _high: 0) &- UInt128(_low: borrow, _high: 0)
    return (d._low, d._high >> 63)
}

/// All ones when `bit` is 1, zero when it is 0, without a branch.
@_transparent
func maskFromBit(_ bit: UInt64) -> UInt64 { 0 &- bit }

/// Returns its argument unchanged, in a way the optimiser cannot see through: a mask passed
/// through it is not known to be 0 or all ones, so LLVM cannot turn a masked table scan back
/// into a branch on the secret index (which it did, on `i == digit`, without this).
@inline(never) @_optimize(none)
func valueBarrier(_ x: UInt64) -> UInt64 { x }
