/// A one-pass JSON reader for the common shapes of request envelopes, the fast path in front of
/// `JSONDecoder().decode(JSONValue.self, ...)`.
///
/// Invariant: whenever `parse` returns a value, it is the value the decoder returns for the same
/// bytes. Anything whose decoding has a corner (a fraction or exponent, an integer beyond 18 digits,
/// a `\u` escape, a raw control character, invalid UTF-8, a duplicate key, deep nesting, malformed
/// input) makes it return nil, and the caller decodes with `JSONDecoder`, which then gives the exact
/// answer, error or not. So the fast path changes speed only, never an answer: the tests fuzz the two
/// against each other.
struct JSONValueParser {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var depth = 0

    /// Deepest nesting handled here; deeper documents go to the decoder.
    static let maxDepth = 64

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The document in `bytes`, or nil when the decoder must answer (see the type's invariant).
    static func parse(_ bytes: UnsafeRawBufferPointer) -> JSONValue? {
        var parser = JSONValueParser(bytes)
        parser.skipWhitespace()
        guard let value = parser.value() else { return nil }
        parser.skipWhitespace()
        return parser.index == bytes.count ? value : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func value() -> JSONValue? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
        default: return nil
        }
    }

    private mutating func literal(_ word: StaticString, _ result: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return nil }
        let w = word.utf8Start
        for i in 0..<count where bytes[index + i] != w[i] { return nil }
        index += count
        return result
    }

    /// `-?(0|[1-9][0-9]*)` with at most 18 digits, so it fits `Int64`; not followed by `.`, `e` or `E`.
    private mutating func integer() -> JSONValue? {
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let start = index
        var magnitude: Int64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            magnitude = magnitude &* 10 &+ Int64(bytes[index] &- UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits <= 18 else { return nil }
        if digits > 1, bytes[start] == UInt8(ascii: "0") { return nil }
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: break
            }
        }
        return .int(negative ? -magnitude : magnitude)
    }

    /// A string without `\u` escapes or raw control characters, in valid UTF-8.
    private mutating func string() -> String? {
        index += 1  // the opening quote
        let start = index
        var escaped = false
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { return nil }
            if b == UInt8(ascii: "\\") {
                escaped = true
                index += 1
                guard index < bytes.count else { return nil }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                default: return nil
                }
            }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        index += 1  // the closing quote
        guard escaped else { return String(validating: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            var b = raw[i]
            if b == UInt8(ascii: "\\") {
                i += 1
                switch raw[i] {
                case UInt8(ascii: "b"): b = 0x08
                case UInt8(ascii: "f"): b = 0x0C
                case UInt8(ascii: "n"): b = 0x0A
                case UInt8(ascii: "r"): b = 0x0D
                case UInt8(ascii: "t"): b = 0x09
                default: b = raw[i]  // " \ /
                }
            }
            unescaped.append(b)
            i += 1
        }
        return String(validating: unescaped, as: UTF8.self)
    }

    private mutating func array() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return nil }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            guard let element = value() else { return nil }
            elements.append(element)
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: return nil
            }
        }
    }

    private mutating func object() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return nil }
        index += 1  // {
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(6)  // an envelope's members, without growing
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipWhitespace()
            guard let member = value() else { return nil }
            // Which of two equal keys the decoder keeps is its own business: let it answer.
            guard members.updateValue(member, forKey: key) == nil else { return nil }
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: return nil
            }
        }
    }
}
