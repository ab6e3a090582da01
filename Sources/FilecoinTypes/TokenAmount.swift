import BigInt

/// An amount of FIL, held exactly in attoFIL (10^-18 FIL). Negative amounts exist on chain
/// (for example in actor balance deltas) and are kept as they are.
public struct TokenAmount: Hashable, Comparable, Sendable {
    /// attoFIL in one FIL.
    public static let attoFILPerFIL = BigInt(1_000_000_000_000_000_000 as UInt64)

    /// The amount in attoFIL.
    public var attoFIL: BigInt

    public init(attoFIL: BigInt) { self.attoFIL = attoFIL }
    public init(attoFIL: Int) { self.attoFIL = BigInt(attoFIL) }
    public init(wholeFIL: Int) { self.attoFIL = BigInt(wholeFIL) * Self.attoFILPerFIL }

    public static let zero = TokenAmount(attoFIL: 0)

    public var isZero: Bool { attoFIL.isZero }
    public var isNegative: Bool { attoFIL.sign == .minus && !attoFIL.isZero }

    public static func < (lhs: TokenAmount, rhs: TokenAmount) -> Bool { lhs.attoFIL < rhs.attoFIL }
    public static func + (lhs: TokenAmount, rhs: TokenAmount) -> TokenAmount { TokenAmount(attoFIL: lhs.attoFIL + rhs.attoFIL) }
    public static func - (lhs: TokenAmount, rhs: TokenAmount) -> TokenAmount { TokenAmount(attoFIL: lhs.attoFIL - rhs.attoFIL) }
    public static func * (lhs: TokenAmount, rhs: BigInt) -> TokenAmount { TokenAmount(attoFIL: lhs.attoFIL * rhs) }
    public static func += (lhs: inout TokenAmount, rhs: TokenAmount) { lhs.attoFIL += rhs.attoFIL }
    public static func -= (lhs: inout TokenAmount, rhs: TokenAmount) { lhs.attoFIL -= rhs.attoFIL }
}

extension TokenAmount: ExpressibleByIntegerLiteral {
    /// An integer literal is attoFIL, as in Lotus's `types.NewInt`.
    public init(integerLiteral value: Int) { self.init(attoFIL: value) }
}
