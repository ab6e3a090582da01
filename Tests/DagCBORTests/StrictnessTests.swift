import GoCompat
import DagCBOR
import Testing

/// Each non-canonical or forbidden form is rejected with the precise kind and byte offset.
/// Inputs are written by hand from RFC 8949 and the DAG-CBOR spec.
struct StrictnessTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let hex: String
        let kind: CBORError.Kind
        let offset: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Shortest integer forms, for values, lengths, counts and tags.
        Case(name: "uint 0 in one extra byte", hex: "1800", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "uint 23 in one extra byte", hex: "1817", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "uint 255 in two bytes", hex: "1900ff", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "uint 65535 in four bytes", hex: "1a0000ffff", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "uint 2^32-1 in eight bytes", hex: "1b00000000ffffffff", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "negint -1 in one extra byte", hex: "3800", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "byte string length in extra byte", hex: "580161", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "text length in two bytes", hex: "79000161", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "array count in extra byte", hex: "8201980101", kind: .nonCanonicalInteger, offset: 2),
        Case(name: "map count in extra byte", hex: "b8016161f6", kind: .nonCanonicalInteger, offset: 0),
        Case(name: "tag 42 in two bytes", hex: "d9002a4100", kind: .nonCanonicalInteger, offset: 0),
        // Map keys.
        Case(name: "keys not length-first", hex: "a2626262016161f6", kind: .mapKeysOutOfOrder, offset: 5),
        Case(name: "keys not bytewise", hex: "a2616201616101", kind: .mapKeysOutOfOrder, offset: 4),
        Case(name: "duplicate key", hex: "a2616101616102", kind: .duplicateMapKey("a"), offset: 4),
        Case(name: "integer key", hex: "a101f6", kind: .mapKeyNotText(found: "unsigned integer"), offset: 1),
        Case(name: "byte string key", hex: "a14161f6", kind: .mapKeyNotText(found: "byte string"), offset: 1),
        // Indefinite lengths and break.
        Case(name: "indefinite array", hex: "9f01ff", kind: .indefiniteLength(.array), offset: 0),
        Case(name: "indefinite map", hex: "bf6161f6ff", kind: .indefiniteLength(.map), offset: 0),
        Case(name: "indefinite text", hex: "7f616161ff", kind: .indefiniteLength(.text), offset: 0),
        Case(name: "indefinite bytes", hex: "5f4100ff", kind: .indefiniteLength(.bytes), offset: 0),
        Case(name: "stray break", hex: "81ff", kind: .unexpectedBreak, offset: 1),
        Case(name: "reserved additional info", hex: "1c", kind: .reservedAdditionalInfo(28), offset: 0),
        Case(name: "uint with info 31", hex: "1f", kind: .reservedAdditionalInfo(31), offset: 0),
        // Tags.
        Case(name: "tag 0 (date)", hex: "c0617a", kind: .unsupportedTag(0), offset: 0),
        Case(name: "tag 2 (bignum)", hex: "c24101", kind: .unsupportedTag(2), offset: 0),
        Case(name: "tag 43", hex: "d82b4100", kind: .unsupportedTag(43), offset: 0),
        Case(
            name: "tag 42 around text", hex: "d82a6100",
            kind: .typeMismatch(expected: "byte string", found: "text string"), offset: 2),
        Case(name: "tag 42 without 0x00 prefix", hex: "d82a58220112" + String(repeating: "20", count: 32),
             kind: .cidMissingIdentityPrefix, offset: 2),
        Case(name: "tag 42 empty bytes", hex: "d82a40", kind: .cidMissingIdentityPrefix, offset: 2),
        Case(name: "tag 42 with truncated CID", hex: "d82a4400017112",
             kind: .invalidCID(.varintTruncated(offset: 3)), offset: 2),
        Case(name: "tag 42 with CID version 2", hex: "d82a4500027112" + "00",
             kind: .invalidCID(.unsupportedVersion(2)), offset: 2),
        // Floats and simple values.
        Case(name: "float16", hex: "f93c00", kind: .unsupportedFloatWidth(bits: 16), offset: 0),
        Case(name: "float32", hex: "fa3f800000", kind: .unsupportedFloatWidth(bits: 32), offset: 0),
        Case(name: "NaN", hex: "fb7ff8000000000000", kind: .nonFiniteFloat, offset: 0),
        Case(name: "+Infinity", hex: "fb7ff0000000000000", kind: .nonFiniteFloat, offset: 0),
        Case(name: "-Infinity", hex: "fbfff0000000000000", kind: .nonFiniteFloat, offset: 0),
        Case(name: "undefined", hex: "f7", kind: .unsupportedSimpleValue(23), offset: 0),
        Case(name: "simple 16", hex: "f0", kind: .unsupportedSimpleValue(16), offset: 0),
        Case(name: "one-byte simple 255", hex: "f8ff", kind: .unsupportedSimpleValue(255), offset: 0),
        Case(name: "reserved major 7 info", hex: "fc", kind: .reservedAdditionalInfo(28), offset: 0),
        // Text.
        Case(name: "invalid UTF-8 (lone continuation)", hex: "6180", kind: .invalidUTF8, offset: 0),
        Case(name: "overlong UTF-8 slash", hex: "62c0af", kind: .invalidUTF8, offset: 0),
        Case(name: "UTF-8 surrogate", hex: "63eda080", kind: .invalidUTF8, offset: 0),
        Case(name: "invalid UTF-8 map key", hex: "a161fff6", kind: .invalidUTF8, offset: 1),
        // Framing.
        Case(name: "trailing bytes", hex: "0102", kind: .trailingBytes(count: 1), offset: 1),
        Case(name: "empty input", hex: "", kind: .unexpectedEnd(needed: 1), offset: 0),
        Case(name: "truncated uint argument", hex: "1a0001", kind: .unexpectedEnd(needed: 2), offset: 0),
        Case(name: "truncated float", hex: "fb3ff0", kind: .unexpectedEnd(needed: 6), offset: 0),
        Case(name: "truncated array", hex: "830102", kind: .lengthExceedsInput(declared: 3, remaining: 2), offset: 0),
        Case(name: "truncated byte string", hex: "43aabb", kind: .lengthExceedsInput(declared: 3, remaining: 2),
             offset: 0),
        Case(name: "huge byte string length", hex: "5bffffffffffffffff00",
             kind: .lengthExceedsInput(declared: UInt64.max, remaining: 1), offset: 0),
        Case(name: "huge array count", hex: "9bffffffffffffffff",
             kind: .lengthExceedsInput(declared: UInt64.max, remaining: 0), offset: 0),
        Case(name: "huge map count", hex: "ba7fffffff6161",
             kind: .lengthExceedsInput(declared: 0x7fff_ffff, remaining: 2), offset: 0),
        Case(name: "map value missing", hex: "a16161", kind: .unexpectedEnd(needed: 1), offset: 3),
    ]

    @Test(arguments: cases)
    func rejected(_ testCase: Case) throws {
        let bytes = try Hex.decode(testCase.hex)
        let expected = CBORError(testCase.kind, offset: testCase.offset)
        #expect(throws: expected) { try CBORValue(cborBytes: bytes) }
        // skipValue and readRawValue validate exactly as strictly as a full decode.
        #expect(throws: expected) {
            var reader = CBORReader(bytes: bytes)
            try reader.skipValue()
            try reader.finish()
        }
        #expect(throws: expected) {
            var reader = CBORReader(bytes: bytes)
            _ = try reader.readRawValue()
            try reader.finish()
        }
    }

    @Test func truncatedArrayOfTwoHasElementMissing() throws {
        // 0x82 0x01 declares two items but only one follows: the count check catches it first.
        #expect(throws: CBORError(.lengthExceedsInput(declared: 2, remaining: 1), offset: 0)) {
            try CBORValue(cborBytes: [0x82, 0x01])
        }
    }

    @Test func everyPrefixOfAValidItemIsRejected() throws {
        // {"a": [1, -500, h'00ff', "xyz", 1.5, null, true, CID]}
        var writer = CBORWriter()
        writer.writeMapHeader(1)
        writer.writeText("a")
        writer.writeArrayHeader(8)
        writer.writeInt(1)
        writer.writeInt(-500)
        writer.writeBytes([0x00, 0xff])
        writer.writeText("xyz")
        writer.writeFloat64(1.5)
        writer.writeNull()
        writer.writeBool(true)
        writer.writeCID(try CID(string: "bafkqabiaaebagba"))
        let bytes = writer.bytes
        #expect(try CBORValue(cborBytes: bytes).cborBytes == bytes)
        for length in 0..<bytes.count {
            #expect(throws: CBORError.self, "prefix \(length)") { try CBORValue(cborBytes: bytes[0..<length]) }
        }
    }

    @Test func depthLimitStopsDeepNesting() throws {
        // 600 nested single-element arrays around 0: deeper than the default 512.
        let deep = [UInt8](repeating: 0x81, count: 600) + [0x00]
        #expect(throws: CBORError(.depthLimitExceeded(limit: 512), offset: 512)) { try CBORValue(cborBytes: deep) }
        var reader = CBORReader(bytes: deep)
        #expect(throws: CBORError(.depthLimitExceeded(limit: 512), offset: 512)) { try reader.skipValue() }
        // A custom limit applies, and nesting within it decodes.
        var shallow = CBORReader(bytes: [0x81, 0x81, 0x00], maxDepth: 2)
        #expect(try shallow.readValue() == .array([.array([.unsigned(0)])]))
        var tooDeep = CBORReader(bytes: [0x81, 0x81, 0x81, 0x00], maxDepth: 2)
        #expect(throws: CBORError(.depthLimitExceeded(limit: 2), offset: 2)) { try tooDeep.readValue() }
        // Nested maps count too.
        let maps = [UInt8]((0..<600).flatMap { _ in [0xa1, 0x61, 0x61] as [UInt8] }) + [0xf6]
        #expect(throws: CBORError(.depthLimitExceeded(limit: 512), offset: 512 * 3)) {
            try CBORValue(cborBytes: maps)
        }
    }

    @Test func typedReadsReportMismatches() throws {
        var reader = CBORReader(bytes: [0x61, 0x61])
        #expect(throws: CBORError(.typeMismatch(expected: "unsigned integer", found: "text string"), offset: 0)) {
            try reader.readUnsigned()
        }
        reader = CBORReader(bytes: [0xf6])
        #expect(throws: CBORError(.typeMismatch(expected: "bool", found: "null"), offset: 0)) { try reader.readBool() }
        reader = CBORReader(bytes: [0x1b, 0x80, 0, 0, 0, 0, 0, 0, 0])
        #expect(throws: CBORError(.integerOutOfRange(type: "Int64"), offset: 0)) { try reader.readInt() }
        reader = CBORReader(bytes: [0x3b, 0x80, 0, 0, 0, 0, 0, 0, 0])
        #expect(throws: CBORError(.integerOutOfRange(type: "Int64"), offset: 0)) { try reader.readInt() }
        reader = CBORReader(bytes: [0x83, 1, 2, 3])
        #expect(throws: CBORError(.unexpectedCount(expected: 2, found: 3), offset: 0)) {
            try reader.readArrayHeader(expected: 2)
        }
        reader = CBORReader(bytes: [0x01])
        #expect(throws: CBORError(.typeMismatch(expected: "CID (tag 42)", found: "unsigned integer"), offset: 0)) {
            try reader.readCID()
        }
        #expect(throws: CBORError(.typeMismatch(expected: "null", found: "unsigned integer"), offset: 0)) {
            try CBORReader(bytes: [0x01]).readNullCopy()
        }
    }

    @Test func int64AndIntBoundariesDecode() throws {
        // -2^63 is 0x3b 7fffffffffffffff; 2^63-1 is 0x1b 7fffffffffffffff.
        #expect(try Int64(cborBytes: [0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) == Int64.min)
        #expect(try Int64(cborBytes: [0x1b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) == Int64.max)
        #expect(try Int(cborBytes: [0x38, 0x63]) == -100)
        #expect(try UInt64(cborBytes: [0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) == UInt64.max)
    }
}

extension CBORReader {
    /// readNull on a copy, so a throwing check needs no `var`.
    fileprivate func readNullCopy() throws {
        var copy = self
        try copy.readNull()
    }
}
