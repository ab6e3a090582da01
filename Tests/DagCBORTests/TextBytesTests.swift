import DagCBOR
import Testing

/// Text read as raw bytes (cbor-gen of specs-actors v0/v2 reads Go strings without checking
/// UTF-8): the strict reads still refuse such text, the byte reads keep it exactly.
struct TextBytesTests {
    /// `"\xff\xfe"` followed by `h'00'`.
    static let invalidText: [UInt8] = [0x62, 0xff, 0xfe]

    @Test func readTextBytesKeepsInvalidUTF8() throws {
        var reader = CBORReader(bytes: Self.invalidText + [0x41, 0x00])
        #expect(try reader.readTextBytes() == [0xff, 0xfe])
        #expect(try reader.readBytes() == [0x00])
        try reader.finish()
        var strict = CBORReader(bytes: Self.invalidText)
        #expect(throws: CBORError.self) { try strict.readText() }
    }

    @Test func writeTextBytesRoundTrips() throws {
        var writer = CBORWriter()
        writer.writeTextBytes([0xff, 0xfe])
        #expect(writer.bytes == Self.invalidText)
        var reader = CBORReader(bytes: writer.bytes)
        #expect(try reader.readTextBytes() == [0xff, 0xfe])
    }

    @Test func rawValuesMayHoldInvalidTextOnlyWhenAsked() throws {
        // [1, "\xff\xfe", {"a": "\xff"}]
        let bytes: [UInt8] = [0x83, 0x01] + Self.invalidText + [0xa1, 0x61, 0x61, 0x61, 0xff]
        var lenient = CBORReader(bytes: bytes)
        #expect(Array(try lenient.readRawValueAllowingInvalidText()) == bytes)
        var strict = CBORReader(bytes: bytes)
        #expect(throws: CBORError.self) { try strict.readRawValue() }
        // Everything else stays strict: a non-canonical length is still refused.
        var nonCanonical = CBORReader(bytes: [0x78, 0x01, 0xff])
        #expect(throws: CBORError.self) { try nonCanonical.readRawValueAllowingInvalidText() }
        // Truncated text is refused either way.
        var truncated = CBORReader(bytes: [0x63, 0xff])
        #expect(throws: CBORError.self) { try truncated.readTextBytes() }
    }
}
