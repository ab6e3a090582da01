import DagCBOR

/// A token amount in attoFIL as the state tree stores it: Filecoin's big-integer bytes (empty
/// for zero, else a sign byte 0x00/0x01 and the big-endian magnitude without leading zeros).
///
/// FilecoinTypes' `TokenAmount` is the general type; this small one lets the state reader sum
/// balances exactly without a big-integer library. Magnitude words are little-endian and have
/// no trailing zero word, so equal amounts compare equal.
public struct AttoFIL: Hashable, Sendable, CustomStringConvertible {
    public private(set) var isNegative: Bool
    private var words: [UInt64]

    public static let zero = AttoFIL(isNegative: false, words: [])

    private init(isNegative: Bool, words: [UInt64]) {
        var trimmed = words
        while trimmed.last == 0 { trimmed.removeLast() }
        self.isNegative = isNegative && !trimmed.isEmpty
        self.words = trimmed
    }

    public init(_ value: UInt64) { self.init(isNegative: false, words: [value]) }

    /// Parses Filecoin's big-integer bytes strictly (no leading zero in the magnitude, no "-0").
    public init(filecoinBytes bytes: [UInt8]) throws(StateTreeError) {
        guard let sign = bytes.first else { self = .zero; return }
        guard sign <= 1 else { throw .malformedAmount("sign byte \(sign) is neither 0 nor 1") }
        let magnitude = bytes.dropFirst()
        guard let first = magnitude.first, first != 0 else {
            throw .malformedAmount("magnitude is empty or has a leading zero byte")
        }
        var words = [UInt64](repeating: 0, count: (magnitude.count + 7) / 8)
        for (position, byte) in magnitude.reversed().enumerated() {
            words[position / 8] |= UInt64(byte) << UInt64((position % 8) * 8)
        }
        self.init(isNegative: sign == 1, words: words)
    }

    /// Adds the magnitudes of two non-negative amounts (the only kind the state holds:
    /// ``ActorState`` refuses negative balances); the result is non-negative.
    public static func + (lhs: AttoFIL, rhs: AttoFIL) -> AttoFIL {
        var result = lhs.words
        if result.count < rhs.words.count { result += [UInt64](repeating: 0, count: rhs.words.count - result.count) }
        var carry: UInt64 = 0
        for index in result.indices {
            let (partial, overflow1) = result[index].addingReportingOverflow(index < rhs.words.count ? rhs.words[index] : 0)
            let (sum, overflow2) = partial.addingReportingOverflow(carry)
            result[index] = sum
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        if carry > 0 { result.append(carry) }
        return AttoFIL(isNegative: false, words: result)
    }

    /// Decimal digits, with a leading "-" when negative.
    public var description: String {
        guard !words.isEmpty else { return "0" }
        var remaining = words
        var chunks: [UInt64] = []
        let base: UInt64 = 1_000_000_000_000_000_000
        while !remaining.isEmpty {
            var remainder: UInt64 = 0
            for index in remaining.indices.reversed() {
                let (quotient, rest) = base.dividingFullWidth((remainder, remaining[index]))
                remaining[index] = quotient
                remainder = rest
            }
            chunks.append(remainder)
            while remaining.last == 0 { remaining.removeLast() }
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 18 - digits.count) + digits
        }
        return (isNegative ? "-" : "") + text
    }
}
