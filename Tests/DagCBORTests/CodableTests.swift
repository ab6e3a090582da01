import DagCBOR
import Testing

/// The typed reader/writer API that Filecoin types are built on.
struct CodableTests {
    /// A tuple-encoded struct in the style of Lotus cbor-gen.
    struct Sample: CBORCodable, Equatable {
        var version: UInt64
        var to: CBORByteString
        var nonce: Int64
        var method: Int
        var link: CID?
        var tags: [String]

        func encode(to writer: inout CBORWriter) {
            writer.writeArrayHeader(6)
            writer.writeUnsigned(version)
            writer.write(to)
            writer.writeInt(nonce)
            writer.writeInt(method)
            writer.writeOptional(link)
            writer.write(tags)
        }

        init(version: UInt64, to: CBORByteString, nonce: Int64, method: Int, link: CID?, tags: [String]) {
            (self.version, self.to, self.nonce, self.method, self.link, self.tags) = (version, to, nonce, method, link, tags)
        }

        init(from reader: inout CBORReader) throws {
            try reader.readArrayHeader(expected: 6)
            version = try reader.readUnsigned()
            to = try reader.read()
            nonce = try reader.readInt()
            method = try reader.read()
            link = try reader.readNullable { try $0.readCID() }
            tags = try reader.read()
        }
    }

    @Test func tupleStructRoundTripsAndMatchesHandEncoding() throws {
        let cid = try CID(string: "bafkqabiaaebagba")
        let sample = Sample(version: 0, to: CBORByteString([0x00, 0x01]), nonce: -2, method: 24, link: cid, tags: ["a", ""])
        let bytes = sample.cborBytes
        // 86 | 00 | 42 0001 | 21 | 18 18 | d8 2a 4a 00 <cid> | 82 61 61 60
        let expected: [UInt8] = [0x86, 0x00, 0x42, 0x00, 0x01, 0x21, 0x18, 0x18, 0xd8, 0x2a, 0x4a, 0x00]
            + cid.bytes + [0x82, 0x61, 0x61, 0x60]
        #expect(cid.bytes == [0x01, 0x55, 0x00, 0x05, 0x00, 0x01, 0x02, 0x03, 0x04])  // identity of 00..04
        #expect(bytes == expected)
        #expect(try Sample(cborBytes: bytes) == sample)
        var withoutLink = sample
        withoutLink.link = nil
        #expect(try Sample(cborBytes: withoutLink.cborBytes) == withoutLink)
        #expect(withoutLink.cborBytes.count == bytes.count - 2 - 11 + 1)
        // Trailing bytes after a whole value are an error for init(cborBytes:).
        #expect(throws: CBORError(.trailingBytes(count: 1), offset: bytes.count)) { try Sample(cborBytes: bytes + [0]) }
    }

    @Test func writerUsesShortestHeads() {
        // RFC 8949 Appendix A examples.
        let cases: [(Int64, [UInt8])] = [
            (0, [0x00]), (23, [0x17]), (24, [0x18, 0x18]), (100, [0x18, 0x64]), (1000, [0x19, 0x03, 0xe8]),
            (1_000_000, [0x1a, 0x00, 0x0f, 0x42, 0x40]),
            (1_000_000_000_000, [0x1b, 0x00, 0x00, 0x00, 0xe8, 0xd4, 0xa5, 0x10, 0x00]),
            (-1, [0x20]), (-10, [0x29]), (-100, [0x38, 0x63]), (-1000, [0x39, 0x03, 0xe7]),
            (Int64.min, [0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
        ]
        for (value, bytes) in cases {
            #expect(value.cborBytes == bytes, "\(value)")
        }
        var writer = CBORWriter()
        writer.writeNegative(encodedMinusOne: UInt64.max)  // -2^64
        writer.writeUnsigned(UInt64.max)
        writer.writeFloat64(1.1)
        writer.writeText("\u{00fc}")
        writer.writeBytes([UInt8](repeating: 7, count: 24))
        #expect(writer.bytes.prefix(28) == [0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xfb, 0x3f, 0xf1, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a, 0x62])
        #expect(writer.bytes[28...30] == [0xc3, 0xbc, 0x58])
    }

    @Test func readMapEnforcesCanonicalKeys() throws {
        // {"a": 1, "bb": 2} is canonical.
        var reader = CBORReader(bytes: [0xa2, 0x61, 0x61, 0x01, 0x62, 0x62, 0x62, 0x02])
        var seen: [String: UInt64] = [:]
        try reader.readMap { key, reader in seen[key] = try reader.readUnsigned() }
        try reader.finish()
        #expect(seen == ["a": 1, "bb": 2])
        var unsorted = CBORReader(bytes: [0xa2, 0x62, 0x62, 0x62, 0x02, 0x61, 0x61, 0x01])
        #expect(throws: CBORError(.mapKeysOutOfOrder, offset: 5)) {
            try unsorted.readMap { _, reader in _ = try reader.readUnsigned() }
        }
    }

    @Test func valueMapsEncodeCanonically() throws {
        let value = CBORValue.map(["bb": .unsigned(2), "a": .unsigned(1), "c": .null])
        #expect(value.cborBytes == [0xa3, 0x61, 0x61, 0x01, 0x61, 0x63, 0xf6, 0x62, 0x62, 0x62, 0x02])
        // Byte-identical keys: the last entry wins, so the output stays valid DAG-CBOR.
        let duplicated = CBORValue.map([CBORMapEntry(key: "k", value: .unsigned(1)), CBORMapEntry(key: "k", value: .unsigned(2))])
        #expect(duplicated.cborBytes == [0xa1, 0x61, 0x6b, 0x02])
        #expect(value["bb"] == .unsigned(2))
        // NFC and NFD spellings are different DAG-CBOR keys and different values.
        let nfc = CBORValue.text("\u{00e9}"), nfd = CBORValue.text("e\u{0301}")
        #expect(nfc != nfd)
        let both = CBORValue.map([CBORMapEntry(key: "\u{00e9}", value: .null), CBORMapEntry(key: "e\u{0301}", value: .null)])
        #expect(try CBORValue(cborBytes: both.cborBytes) == both)
        #expect(CBORValue.float(0.0) != CBORValue.float(-0.0))
        #expect(CBORValue.int(-5) == .negative(4))
    }

    @Test func rawValuesAndPeeking() throws {
        let inner = CBORValue.array([.text("x"), .map(["k": .bytes([1])])])
        let bytes = CBORValue.array([.unsigned(1), inner, .null]).cborBytes
        var reader = CBORReader(bytes: bytes)
        #expect(try reader.peekMajorType() == .array)
        #expect(try reader.readArrayHeader() == 3)
        #expect(try reader.readUnsigned() == 1)
        let raw = try reader.readRawValue()
        #expect(Array(raw) == inner.cborBytes)
        #expect(reader.peekIsNull())
        try reader.readNull()
        #expect(reader.isAtEnd)
        try reader.finish()
        var writer = CBORWriter()
        writer.writeRaw(raw)
        #expect(writer.bytes == inner.cborBytes)
        let optional: [Int64?] = [1, nil, -3]
        #expect(try [Int64?](cborBytes: optional.cborBytes) == optional)
        #expect(try Double(cborBytes: 2.5.cborBytes) == 2.5)
        #expect(try String(cborBytes: "z\u{1F600}".cborBytes) == "z\u{1F600}")
        #expect(try Bool(cborBytes: [0xf5]))
        #expect(try CBORValue(cborBytes: [0xf5]) == .bool(true))
    }
}
