/// Why text is not a Go `time.Time`, or a time cannot be written as one.
public enum GoTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not RFC 3339: `expected` says what was missing at UTF-8 `offset`.
    case malformed(text: String, expected: String, offset: Int)
    /// A field outside its range: month 13, April 31, hour 24, second 60 (Go has no leap
    /// seconds), an offset of 24 hours or more.
    case outOfRange(text: String, field: String)
    /// Go's `MarshalJSON` writes only years 0...9999.
    case yearOutOfRange(Int)

    public var description: String {
        switch self {
        case .malformed(let text, let expected, let offset):
            "not an RFC 3339 time \"\(text)\": expected \(expected) at offset \(offset)"
        case .outOfRange(let text, let field): "RFC 3339 time \"\(text)\": \(field) out of range"
        case .yearOutOfRange(let year): "year \(year) is outside Go's range [0,9999]"
        }
    }
}
