import Foundation

/// Go `time.Time` JSON text (RFC 3339 with optional fractional seconds), as sophon-auth writes
/// token and miner timestamps.
public enum SophonTime {
    /// RFC 3339 in UTC with milliseconds: `2026-11-25T18:00:00.123Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses RFC 3339 with or without fractional seconds (any number of digits) and any offset.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            return date
        }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        // Go writes up to nine fraction digits; Foundation reads at most three reliably.
        guard let dot = text.firstIndex(of: "."),
            let end = text[dot...].firstIndex(where: { !$0.isNumber && $0 != "." })
        else { return nil }
        let digits = text[text.index(after: dot)..<end]
        let trimmed = text[..<dot] + "." + digits.prefix(3).padding(toLength: 3, withPad: "0", startingAt: 0)
            + text[end...]
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(String(trimmed))
    }

    static func decode<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        guard let date = parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not an RFC 3339 time: \(text)")
        }
        return date
    }
}
