/// Why text is not hex.
public enum HexError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An odd number of digits (Go: `encoding/hex: odd length hex string`).
    case oddLength(Int)
    /// A character that is not a hex digit, at a UTF-8 offset after any `0x` prefix
    /// (Go: `encoding/hex: invalid byte`).
    case invalidDigit(String, offset: Int)

    public var description: String {
        switch self {
        case .oddLength(let count): "odd length hex string (\(count) digits)"
        case .invalidDigit(let character, let offset): "invalid hex digit \"\(character)\" at offset \(offset)"
        }
    }
}
