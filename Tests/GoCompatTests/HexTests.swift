import GoCompat
import Testing

@Suite("Hex")
struct HexTests {
    @Test("encodes lower-case, decodes either case, round-trips every byte")
    func roundTrip() throws {
        let all = (0...255).map { UInt8($0) }
        let text = Hex.encode(all)
        #expect(text.count == 512)
        #expect(text.hasPrefix("000102") && text.hasSuffix("fdfeff"))
        #expect(try Hex.decode(text) == all)
        #expect(try Hex.decode(text.uppercased()) == all)
        #expect(try Hex.decode("") == [])
        #expect(Hex.encode([]) == "")
        #expect(try Hex.decode("aB0f"[...]) == [0xAB, 0x0F])
    }

    @Test("0x is accepted only where asked for")
    func prefix() throws {
        #expect(try Hex.decode("0xff00", allowPrefix: true) == [0xFF, 0x00])
        #expect(try Hex.decode("0X01", allowPrefix: true) == [0x01])
        #expect(try Hex.decode("0x", allowPrefix: true) == [])
        #expect(try Hex.decode("0a", allowPrefix: true) == [0x0A])
        #expect(throws: HexError.invalidDigit("x", offset: 1)) { try Hex.decode("0xff") }
    }

    @Test("errors name the problem", arguments: [
        ("abc", HexError.oddLength(3)), ("zz", .invalidDigit("z", offset: 0)), ("0g", .invalidDigit("g", offset: 1)),
        ("00 1", .invalidDigit(" ", offset: 2)), ("aé", .invalidDigit("é", offset: 1)), ("0x0g", .invalidDigit("x", offset: 1)),
    ])
    func errors(text: String, error: HexError) {
        #expect(throws: error) { try Hex.decode(text) }
    }

    @Test("a bad digit after the prefix is reported at its offset past the prefix")
    func prefixedErrorOffset() {
        #expect(throws: HexError.invalidDigit("q", offset: 2)) { try Hex.decode("0x00q0", allowPrefix: true) }
        #expect(throws: HexError.oddLength(1)) { try Hex.decode("0x0", allowPrefix: true) }
    }
}
