import Foundation

/// Go's `time.Time` as `encoding/json` carries it: RFC 3339 text (`time.RFC3339Nano`).
///
/// Writing follows Go: UTC as `Z`, the fraction with at most nine digits and its trailing
/// zeros trimmed (none for a whole second): `2026-11-25T18:00:00Z`, `...:00.12Z`. Reading
/// follows Go's strict RFC 3339 parser: `T` and `Z` upper-case, any offset `±hh:mm`, a
/// fraction of one or more digits of which the first nine count (Go truncates the rest).
///
/// Invariants: `nanoseconds` is in `0..<1_000_000_000`; the instant is
/// `seconds + nanoseconds / 1e9` after the Unix epoch. A `Date` (a `Double`) cannot hold
/// nanoseconds for present-day instants, so `init(_: Date)` keeps microseconds; values read
/// from text keep all nine digits.
public struct GoTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    public let seconds: Int64
    public let nanoseconds: Int32

    /// Go's zero `time.Time`, `0001-01-01T00:00:00Z`, which Go APIs use for "unset".
    public static let zero = GoTime(seconds: -62_135_596_800, nanoseconds: 0)

    /// The instant `seconds + nanoseconds` (nanoseconds beyond a second, or negative, carry over).
    public init(seconds: Int64, nanoseconds: Int64) {
        let (carry, rest) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        let adjust: Int64 = rest < 0 ? 1 : 0
        self.seconds = seconds + carry - adjust
        self.nanoseconds = Int32(rest + adjust * 1_000_000_000)
    }

    /// `date` rounded to the microsecond (the precision a `Date` holds today).
    public init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        // Clamped so that a far-off or non-finite date cannot trap the conversion.
        let clamped = interval.isFinite ? min(max(interval, -1e15), 1e15) : 0
        let whole = clamped.rounded(.down)
        let micros = Int64(((clamped - whole) * 1e6).rounded())
        self.init(seconds: Int64(whole), nanoseconds: micros * 1000)
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    public static func < (a: GoTime, b: GoTime) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    // MARK: Writing

    /// The RFC 3339 text in UTC, as Go's `MarshalJSON` writes it (which refuses years outside
    /// 0...9999; `text()` throws for those, `description` writes them anyway).
    public func text() throws(GoTimeError) -> String {
        let civil = CivilTime(unixSeconds: seconds)
        guard (0...9999).contains(civil.year) else { throw .yearOutOfRange(civil.year) }
        return description
    }

    public var description: String {
        let civil = CivilTime(unixSeconds: seconds)
        var out = Self.padded(civil.year, 4) + "-" + Self.padded(civil.month, 2) + "-" + Self.padded(civil.day, 2)
        out += "T" + Self.padded(civil.hour, 2) + ":" + Self.padded(civil.minute, 2) + ":" + Self.padded(civil.second, 2)
        if nanoseconds != 0 {
            var fraction = Self.padded(Int(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            out += "." + fraction
        }
        return out + "Z"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: Reading

    /// Parses RFC 3339 text as Go's `time.Time.UnmarshalJSON` does.
    /// - Throws: `GoTimeError.malformed` naming what was expected where, or
    ///   `GoTimeError.outOfRange` naming the field.
    public init(parsing text: some StringProtocol) throws(GoTimeError) {
        var reader = Reader(text: String(text))
        let year = try reader.number(4, "year")
        try reader.expect("-")
        let month = try reader.number(2, "month")
        try reader.expect("-")
        let day = try reader.number(2, "day")
        try reader.expect("T")
        let hour = try reader.number(2, "hour")
        try reader.expect(":")
        let minute = try reader.number(2, "minute")
        try reader.expect(":")
        let second = try reader.number(2, "second")
        var nanos = 0
        if reader.peek == UInt8(ascii: ".") {
            reader.index += 1
            let start = reader.index
            while let c = reader.peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { reader.index += 1 }
            let digits = reader.bytes[start..<reader.index]
            guard !digits.isEmpty else { throw reader.malformed("fraction digits") }
            for position in 0..<9 {
                let digit = position < digits.count ? Int(digits[start + position] - UInt8(ascii: "0")) : 0
                nanos = nanos * 10 + digit
            }
        }
        var offsetSeconds = 0
        switch reader.peek {
        case UInt8(ascii: "Z"):
            reader.index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = reader.peek == UInt8(ascii: "-") ? -1 : 1
            reader.index += 1
            let offsetHour = try reader.number(2, "offset hour")
            try reader.expect(":")
            let offsetMinute = try reader.number(2, "offset minute")
            guard offsetHour < 24 else { throw .outOfRange(text: reader.text, field: "offset hour") }
            guard offsetMinute < 60 else { throw .outOfRange(text: reader.text, field: "offset minute") }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        default:
            throw reader.malformed("\"Z\" or an offset")
        }
        guard reader.index == reader.bytes.count else { throw reader.malformed("the end of the text") }
        guard (1...12).contains(month) else { throw .outOfRange(text: reader.text, field: "month") }
        guard (1...CivilTime.daysIn(month: month, year: year)).contains(day) else {
            throw .outOfRange(text: reader.text, field: "day")
        }
        guard hour < 24 else { throw .outOfRange(text: reader.text, field: "hour") }
        guard minute < 60 else { throw .outOfRange(text: reader.text, field: "minute") }
        guard second < 60 else { throw .outOfRange(text: reader.text, field: "second") }
        let days = CivilTime.daysFromEpoch(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(seconds: local - Int64(offsetSeconds), nanoseconds: Int64(nanos))
    }

    /// A cursor over the text being parsed.
    private struct Reader {
        let text: String
        let bytes: [UInt8]
        var index = 0

        init(text: String) {
            self.text = text
            bytes = Array(text.utf8)
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func malformed(_ expected: String) -> GoTimeError {
            .malformed(text: text, expected: expected, offset: index)
        }

        mutating func expect(_ character: Unicode.Scalar) throws(GoTimeError) {
            guard peek == UInt8(character.value) else { throw malformed("\"\(character)\"") }
            index += 1
        }

        mutating func number(_ width: Int, _ field: String) throws(GoTimeError) -> Int {
            var value = 0
            for _ in 0..<width {
                guard let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else {
                    throw malformed("\(width) digits of the \(field)")
                }
                value = value * 10 + Int(c - UInt8(ascii: "0"))
                index += 1
            }
            return value
        }
    }
}

extension GoTime: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        do {
            try container.encode(try text())
        } catch let error as GoTimeError {
            throw EncodingError.invalidValue(
                self, .init(codingPath: encoder.codingPath, debugDescription: error.description))
        }
    }
}
