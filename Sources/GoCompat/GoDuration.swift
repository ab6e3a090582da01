/// A duration in Go's `time.Duration` text form (`"1m0s"`, `"1h20m"`, `"150ms"`), as Lotus and
/// Venus configs and command lines write them; stored as signed nanoseconds like Go.
public struct GoDuration: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The length in nanoseconds.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64) { self.nanoseconds = seconds * 1_000_000_000 }

    /// The Swift `Duration` of the same length.
    public var duration: Duration { .nanoseconds(nanoseconds) }

    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Why a duration string was rejected.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case invalid(String)
        case missingUnit(String)
        case unknownUnit(String)
        case overflow(String)

        public var description: String {
            switch self {
            case .invalid(let text): "invalid duration \"\(text)\""
            case .missingUnit(let text): "missing unit in duration \"\(text)\""
            case .unknownUnit(let text): "unknown unit in duration \"\(text)\""
            case .overflow(let text): "duration out of range \"\(text)\""
            }
        }
    }

    private static let units: [(String, Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// Parses Go's `time.ParseDuration` syntax: an optional sign, then one or more
    /// `<decimal number><unit>` groups; `"0"` alone is allowed.
    public init(parsing text: String) throws(ParseError) {
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" {
            self.nanoseconds = 0
            return
        }
        guard !rest.isEmpty else { throw .invalid(text) }
        var total: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1,
                let value = Double(number)
            else { throw .invalid(text) }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard !unitText.isEmpty else { throw .missingUnit(text) }
            guard let unit = GoDuration.units.first(where: { $0.0 == unitText }) else { throw .unknownUnit(text) }
            rest = rest.dropFirst(unitText.count)
            total += value * Double(unit.1)
        }
        guard total < 9.2e18 else { throw .overflow(text) }
        self.nanoseconds = (negative ? -1 : 1) * Int64(total.rounded())
    }

    /// Go's `Duration.String()` form: `"1h2m3.5s"`, `"1.5ms"`, `"0s"`.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        if magnitude < 1_000_000_000 {
            let (unit, scale): (String, UInt64) =
                magnitude < 1_000 ? ("ns", 1) : magnitude < 1_000_000 ? ("µs", 1_000) : ("ms", 1_000_000)
            return sign + GoDuration.decimal(magnitude, scale: scale) + unit
        }
        let hours = magnitude / 3_600_000_000_000
        let minutes = magnitude / 60_000_000_000 % 60
        let secondsPart = magnitude % 60_000_000_000
        var text = sign
        if hours > 0 { text += "\(hours)h" }
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        text += GoDuration.decimal(secondsPart, scale: 1_000_000_000) + "s"
        return text
    }

    private static func decimal(_ value: UInt64, scale: UInt64) -> String {
        let whole = value / scale
        let fraction = value % scale
        guard fraction > 0 else { return "\(whole)" }
        var digits = String(fraction + scale).dropFirst()  // zero-padded to the scale's width
        while digits.hasSuffix("0") { digits = digits.dropLast() }
        return "\(whole).\(digits)"
    }

    /// Decodes from Go's text form or, as BurntSushi/toml also accepts, integer nanoseconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            do {
                try self.init(parsing: text)
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
            }
        } else {
            self.init(nanoseconds: try container.decode(Int64.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
