import Foundation
import GoCompat
import Testing

@Suite("GoTime")
struct GoTimeTests {
    // Written as Go's time.Time.MarshalJSON writes the same instant in UTC.
    @Test("writes RFC 3339 with up to nine fraction digits, trailing zeros trimmed", arguments: [
        (Int64(0), Int64(0), "1970-01-01T00:00:00Z"),
        (1_764_871_200, 0, "2025-12-04T18:00:00Z"),
        (1_764_871_200, 120_000_000, "2025-12-04T18:00:00.12Z"),
        (1_764_871_200, 123_456_789, "2025-12-04T18:00:00.123456789Z"),
        (1_764_871_200, 1, "2025-12-04T18:00:00.000000001Z"),
        (-1, 999_999_999, "1969-12-31T23:59:59.999999999Z"),
        (-62_135_596_800, 0, "0001-01-01T00:00:00Z"),
        (951_782_400, 0, "2000-02-29T00:00:00Z"),
        (253_402_300_799, 0, "9999-12-31T23:59:59Z"),
    ])
    func writing(seconds: Int64, nanoseconds: Int64, text: String) throws {
        let time = GoTime(seconds: seconds, nanoseconds: nanoseconds)
        #expect(try time.text() == text)
        #expect(try GoTime(parsing: text) == time)
    }

    @Test("reads any offset and 0 to 9 fraction digits; Go truncates digits past nine", arguments: [
        ("2025-12-04T18:00:00Z", Int64(1_764_871_200), Int32(0)),
        ("2025-12-04T18:00:00.1Z", 1_764_871_200, 100_000_000),
        ("2025-12-04T18:00:00.123Z", 1_764_871_200, 123_000_000),
        ("2025-12-04T18:00:00.123456Z", 1_764_871_200, 123_456_000),
        ("2025-12-04T18:00:00.123456789Z", 1_764_871_200, 123_456_789),
        ("2025-12-04T18:00:00.1234567891234Z", 1_764_871_200, 123_456_789),
        ("2025-12-05T02:00:00.5+08:00", 1_764_871_200, 500_000_000),
        ("2025-12-04T12:30:00-05:30", 1_764_871_200, 0),
        ("2025-12-04T18:00:00+00:00", 1_764_871_200, 0),
        ("0001-01-01T00:00:00Z", -62_135_596_800, 0),
        ("1969-12-31T23:59:59.999999999Z", -1, 999_999_999),
    ])
    func reading(text: String, seconds: Int64, nanoseconds: Int32) throws {
        let time = try GoTime(parsing: text)
        #expect(time.seconds == seconds)
        #expect(time.nanoseconds == nanoseconds)
    }

    @Test("malformed or out-of-range text is refused with the reason", arguments: [
        ("", "4 digits of the year"), ("2025-12-04", "\"T\""), ("2025-12-04 18:00:00Z", "\"T\""),
        ("2025-12-04t18:00:00Z", "\"T\""), ("2025-12-04T18:00:00", "\"Z\" or an offset"),
        ("2025-12-04T18:00:00z", "\"Z\" or an offset"), ("2025-12-04T18:00:00.Z", "fraction digits"),
        ("2025-12-04T18:00:00,5Z", "\"Z\" or an offset"), ("2025-12-04T18:00:00Z ", "the end of the text"),
        ("25-12-04T18:00:00Z", "4 digits of the year"), ("2025-1-04T18:00:00Z", "2 digits of the month"),
        ("2025-12-04T18:00:00+0800", "\":\""), ("2025-12-04T18:00:00+8:00", "2 digits of the offset hour"),
        ("2025-13-04T18:00:00Z", "month out of range"), ("2025-00-04T18:00:00Z", "month out of range"),
        ("2025-04-31T18:00:00Z", "day out of range"), ("2025-02-29T18:00:00Z", "day out of range"),
        ("2100-02-29T00:00:00Z", "day out of range"), ("2025-12-00T18:00:00Z", "day out of range"),
        ("2025-12-04T24:00:00Z", "hour out of range"), ("2025-12-04T18:60:00Z", "minute out of range"),
        ("2025-12-04T23:59:60Z", "second out of range"), ("2025-12-04T18:00:00+24:00", "offset hour out of range"),
        ("2025-12-04T18:00:00+01:60", "offset minute out of range"),
    ])
    func refused(text: String, reason: String) {
        #expect {
            try GoTime(parsing: text)
        } throws: { error in
            (error as? GoTimeError)?.description.contains(reason) == true
        }
    }

    @Test("JSON: a string both ways; years Go cannot write are refused")
    func json() throws {
        let time = GoTime(seconds: 1_764_871_200, nanoseconds: 5_000)
        let encoded = String(decoding: try JSONEncoder().encode([time]), as: UTF8.self)
        #expect(encoded == "[\"2025-12-04T18:00:00.000005Z\"]")
        #expect(try JSONDecoder().decode([GoTime].self, from: Data(encoded.utf8)) == [time])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([GoTime].self, from: Data("[\"2025-12-04\"]".utf8))
        }
        let tooLate = GoTime(seconds: 253_402_300_800, nanoseconds: 0)
        #expect(throws: GoTimeError.yearOutOfRange(10000)) { try tooLate.text() }
        #expect(throws: EncodingError.self) { try JSONEncoder().encode([tooLate]) }
        #expect(GoTime(seconds: -62_135_596_801, nanoseconds: 0).description == "0000-12-31T23:59:59Z")
    }

    @Test("Date converts to the microsecond and back")
    func dates() throws {
        let time = try GoTime(parsing: "2025-12-04T18:00:00.123456Z")
        #expect(GoTime(time.date) == time)
        #expect(try GoTime(Date(timeIntervalSince1970: 1_764_871_200.25)).text() == "2025-12-04T18:00:00.25Z")
        #expect(GoTime(Date(timeIntervalSince1970: -0.5)) == GoTime(seconds: -1, nanoseconds: 500_000_000))
        #expect(GoTime(GoTime.zero.date) == .zero)
        #expect(GoTime(seconds: 5, nanoseconds: -1) == GoTime(seconds: 4, nanoseconds: 999_999_999))
        #expect(GoTime(seconds: 5, nanoseconds: 2_000_000_001) == GoTime(seconds: 7, nanoseconds: 1))
        #expect(GoTime(seconds: 1, nanoseconds: 0) < GoTime(seconds: 1, nanoseconds: 1))
    }
}
