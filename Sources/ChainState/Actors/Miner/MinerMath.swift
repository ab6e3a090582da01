import BigInt

/// go-state-types `big` arithmetic as the miner's formulas use it (Go math/big semantics).
enum MinerMath {
    // Same semantics as FilterEstimate.div/rsh; kept here so the miner formulas read alone.
    /// `big.Div`: Go's `Int.Div`, Euclidean division (the remainder is never negative); zero for
    /// a zero divisor, where Go would panic (callers never divide by zero).
    static func div(_ a: BigInt, _ b: BigInt) -> BigInt {
        guard !b.isZero else { return 0 }
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        guard remainder.sign == .minus, !remainder.isZero else { return quotient }
        return b.sign == .minus ? quotient + 1 : quotient - 1
    }

    /// `big.Rsh`: an arithmetic shift (floor division by 2^n, negatives round down).
    static func rsh(_ a: BigInt, _ n: Int) -> BigInt {
        guard a.sign == .minus, !a.isZero else { return a >> n }
        let magnitude = -a
        let shifted = magnitude >> n
        return (shifted << n) == magnitude ? -shifted : -(shifted + 1)
    }
}
