import BigInt

/// Go `math/big` integer semantics that differ from attaswift BigInt's operators, which the
/// actors' arithmetic depends on bit for bit.
///
/// - go-state-types `big.Div` and `big.Mod` are Go's Euclidean `Div`/`Mod` (the remainder is
///   never negative), while Swift's `/` and `%` truncate toward zero.
/// - Go's `Rsh` is an arithmetic shift (floor), while attaswift shifts the magnitude of a
///   negative number (and returns -1 for a result of zero).
public enum GoBig {
    /// Euclidean quotient (`big.Div`): `a = q*b + r` with `0 <= r < |b|`. Zero for a zero
    /// divisor, where Go panics: callers never divide by zero, and a wrong zero is not a trap.
    public static func div(_ a: BigInt, _ b: BigInt) -> BigInt {
        guard !b.isZero else { return 0 }
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        guard r.signum() < 0 else { return q }
        return b.signum() > 0 ? q - 1 : q + 1
    }

    /// Euclidean remainder (`big.Mod`): `0 <= r < |b|`; zero for a zero divisor.
    public static func mod(_ a: BigInt, _ b: BigInt) -> BigInt {
        guard !b.isZero else { return 0 }
        let r = a % b
        guard r.signum() < 0 else { return r }
        return r + b.magnitudeAsBigInt
    }

    /// Truncated quotient (`big.Int.Quo`); zero for a zero divisor.
    public static func quo(_ a: BigInt, _ b: BigInt) -> BigInt { b.isZero ? 0 : a / b }

    /// `a >> n` rounded toward negative infinity (`big.Rsh`).
    public static func rsh(_ a: BigInt, _ n: Int) -> BigInt {
        guard a.signum() < 0 else { return a >> n }
        // floor(a / 2^n) for negative a is -ceil(|a| / 2^n) = -((|a| - 1) >> n) - 1.
        let magnitude = BigInt(a.magnitude) - 1
        return -(magnitude >> n) - 1
    }

    /// `a << n` (`big.Lsh`); the same in both libraries, kept for symmetry at call sites.
    public static func lsh(_ a: BigInt, _ n: Int) -> BigInt { a << n }

    /// Go `big.Max` / `big.Min`.
    public static func max(_ a: BigInt, _ b: BigInt) -> BigInt { a > b ? a : b }
    public static func min(_ a: BigInt, _ b: BigInt) -> BigInt { a < b ? a : b }
}

extension BigInt {
    /// |self| as a signed BigInt.
    var magnitudeAsBigInt: BigInt { BigInt(magnitude) }
}
