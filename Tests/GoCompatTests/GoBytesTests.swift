import Foundation
import GoCompat
import Testing

@Suite("GoBytes")
struct GoBytesTests {
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("nil is null, empty is \"\", bytes are padded standard base64, as Go writes []byte")
    func encoding() throws {
        #expect(try json([GoBytes.null]) == "[null]")
        #expect(try json([GoBytes([UInt8]())]) == "[\"\"]")
        #expect(try json([GoBytes([UInt8]([0xFB, 0xFF]))]) == "[\"+/8=\"]")
        #expect(try json([GoBytes(nilIfEmpty: [UInt8]())]) == "[null]")
        #expect(try json([GoBytes(nilIfEmpty: [1, 2, 3])]) == "[\"AQID\"]")
    }

    @Test("null decodes to nil, \"\" to empty, base64 to its bytes")
    func decoding() throws {
        let decoded = try JSONDecoder().decode([GoBytes].self, from: Data("[null, \"\", \"AQID\", \"+/8=\"]".utf8))
        #expect(decoded.map(\.bytes) == [nil, [], [1, 2, 3], [0xFB, 0xFF]])
        #expect(decoded.map(\.orEmpty) == [[], [], [1, 2, 3], [0xFB, 0xFF]])
        // Go's StdEncoding skips line breaks.
        #expect(try JSONDecoder().decode(GoBytes.self, from: Data("\"AQ\\r\\nID\"".utf8)).bytes == [1, 2, 3])
    }

    @Test("text that is not padded standard base64 is refused", arguments: [
        "\"AQI\"", "\"AQ==AQ==x\"", "\"-_8=\"", "\"!!!!\"", "1", "{}",
    ])
    func refused(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GoBytes.self, from: Data(json.utf8)) }
    }
}
