import GoCompat
import Testing

@Suite("GoDuration")
struct GoDurationTests {
    // Expected values follow Go's time.ParseDuration / Duration.String documentation.
    @Test("Go durations parse and print as Go does", arguments: [
        ("1h20m", Int64(4_800_000_000_000), "1h20m0s"),
        ("2m10s", 130_000_000_000, "2m10s"),
        ("300ms", 300_000_000, "300ms"),
        ("-1.5h", -5_400_000_000_000, "-1h30m0s"),
        ("1.5s", 1_500_000_000, "1.5s"),
        ("0", 0, "0s"),
        ("1us", 1_000, "1µs"),
        ("1h", 3_600_000_000_000, "1h0m0s"),
    ])
    func goDurations(text: String, nanoseconds: Int64, printed: String) throws {
        let duration = try GoDuration(parsing: text)
        #expect(duration.nanoseconds == nanoseconds)
        #expect(duration.description == printed)
        #expect(try GoDuration(parsing: printed) == duration)
    }

    @Test("malformed Go durations are refused", arguments: ["", "1", "h", "1x", "1.2.3s", "--1s", "1h 2m", ".s"])
    func badDurations(text: String) {
        #expect(throws: GoDuration.ParseError.self) { try GoDuration(parsing: text) }
    }
}
