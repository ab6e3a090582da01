import GoCompat
import DagCBOR
import Foundation
import Testing
import VenusTesting

/// CIDs, multihashes, multibase and varints against published vectors and specs.
struct CIDTests {
    /// Every string that looks like a CID anywhere in a JSON document.
    static func cidStrings(in json: Any, prefix: String) -> [String] {
        if let text = json as? String { return text.hasPrefix(prefix) ? [text] : [] }
        if let object = json as? [String: Any] { return object.values.flatMap { cidStrings(in: $0, prefix: prefix) } }
        if let array = json as? [Any] { return array.flatMap { cidStrings(in: $0, prefix: prefix) } }
        return []
    }

    static func checkRoundTrip(_ text: String, codec: UInt64, hash: UInt64) throws {
        let cid = try CID(string: text)
        #expect(cid.description == text)
        #expect(cid.version == .v1)
        #expect(cid.codec == codec, "\(text)")
        #expect(cid.multihash.code == hash, "\(text)")
        #expect(cid.multihash.digest.count == 32)
        #expect(try CID(bytes: cid.bytes) == cid)
        #expect(try CID(version: .v1, codec: codec, multihash: Multihash(code: hash, digest: cid.multihash.digest)) == cid)
        // Upper-case base32 and base58btc spell the same CID; the canonical text stays lower base32.
        #expect(try CID(string: "B" + text.dropFirst().uppercased()) == cid)
        #expect(try CID(string: "z" + Multibase.base58Encode(cid.bytes)) == cid)
    }

    @Test(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func genesisAndBlockHeaderCIDs() throws {
        let genesis = try TestVectors.json("genesis/expected.json")
        let genesisCIDs = Set(Self.cidStrings(in: genesis, prefix: "bafy2bzace"))
        #expect(genesisCIDs.contains("bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2"))
        #expect(genesisCIDs.contains("bafy2bzacecyaggy24wol5ruvs6qm73gjibs2l2iyhcqmvi7r7a4ph7zx3yqd4"))
        for text in genesisCIDs { try Self.checkRoundTrip(text, codec: Multicodec.dagCBOR, hash: Multihash.blake2b_256) }
        // The filecoin genesis parent is a sha2-256 dag-cbor CID.
        try Self.checkRoundTrip(
            "bafyreiaqpwbbyjo4a42saasj36kkrpv4tsherf2e7bvezkert2a7dhonoi", codec: Multicodec.dagCBOR,
            hash: Multihash.sha2_256)

        let headers = try #require(try TestVectors.json("serialization/block_headers.json") as? [[String: Any]])
        #expect(headers.count == 5)
        for header in headers {
            let text = try #require(header["cid"] as? String)
            try Self.checkRoundTrip(text, codec: Multicodec.dagCBOR, hash: Multihash.blake2b_256)
            // The header's CBOR holds its links as tag-42 CIDs; they must be the JSON's {"/": ...} links.
            let hex = try #require(header["cbor_hex"] as? String)
            let bytes = try Hex.decode(hex)
            let value = try CBORValue(cborBytes: bytes)
            #expect(value.cborBytes == bytes, "Lotus block header must round-trip")
            let block = try #require(header["block"] as? [String: Any])
            var expected: [String] = []
            for field in ["Parents", "ParentStateRoot", "ParentMessageReceipts", "Messages"] {
                expected += FixtureTests.linkStrings(block[field] as Any)
            }
            #expect(FixtureTests.cids(in: value).map(\.description) == expected)
        }
    }

    @Test(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func lotusMessagesRoundTrip() throws {
        let messages = try #require(try TestVectors.json("serialization/unsigned_messages.json") as? [[String: Any]])
        #expect(messages.count == 21)
        for message in messages {
            let hex = try #require(message["hex_cbor"] as? String)
            let bytes = try Hex.decode(hex)
            let value = try CBORValue(cborBytes: bytes)
            #expect(value.cborBytes == bytes)
            guard case .array(let fields) = value else {
                Issue.record("message is not a tuple")
                continue
            }
            #expect(fields.count == 10)
        }
    }

    @Test(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func pieceCIDs() throws {
        var pieces = Set(Self.cidStrings(in: try TestVectors.json("commp/expected.json"), prefix: "baga6ea4sea"))
        let zero = try String(decoding: TestVectors.data("commp/go-fil-commp-hashhash/zero.txt"), as: UTF8.self)
        for line in zero.split(separator: "\n").prefix(50) {
            if let last = line.split(separator: ",").last, last.hasPrefix("baga6ea4sea") { pieces.insert(String(last)) }
        }
        #expect(pieces.count >= 10)
        for text in pieces {
            try Self.checkRoundTrip(text, codec: Multicodec.filCommitmentUnsealed, hash: Multihash.sha2_256Trunc254Padded)
        }
    }

    @Test func cidV0() throws {
        let text = "QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY"
        let cid = try CID(string: text)
        #expect(cid.version == .v0)
        #expect(cid.codec == Multicodec.dagPB)
        #expect(cid.multihash.code == Multihash.sha2_256)
        #expect(cid.bytes.count == 34 && cid.bytes[0] == 0x12 && cid.bytes[1] == 0x20)
        #expect(cid.description == text)
        #expect(try CID(bytes: cid.bytes) == cid)
        #expect(try CID(string: "z" + text) == cid)
        // Its v1 form is dag-pb with the same multihash and differs as a CID.
        #expect(cid.v1.bytes == [0x01, 0x70] + cid.bytes)
        #expect(cid.v1 != cid)
        #expect(cid.v1.description.hasPrefix("bafybei"))
        // v0 is only dag-pb + sha2-256/32.
        let multihash = cid.multihash
        #expect(throws: MultiformatError.invalidV0) {
            try CID(version: .v0, codec: Multicodec.dagCBOR, multihash: multihash)
        }
        #expect(throws: MultiformatError.invalidV0) {
            try CID(version: .v0, codec: Multicodec.dagPB, multihash: Multihash(code: Multihash.identity, digest: [1]))
        }
    }

    @Test func invalidStringsAreRejected() throws {
        let valid = "bafy2bzacecnamqgqmifpluoeldx7zzglxcljo6oja4vrmtj7432rphldpdmm2"
        #expect(throws: MultiformatError.empty) { try CID(string: "") }
        #expect(throws: MultiformatError.unsupportedMultibase("f")) { try CID(string: "f01711220") }
        #expect(throws: MultiformatError.unsupportedMultibase("m")) { try CID(string: "mAXESIA") }
        #expect(throws: MultiformatError.invalidCharacter("0", offset: 3)) { try CID(string: "baf0" + valid.dropFirst(4)) }
        // Mixed case is neither lower nor upper base32.
        #expect(throws: MultiformatError.invalidCharacter("A", offset: 1)) { try CID(string: "bA" + valid.dropFirst(2)) }
        #expect(throws: MultiformatError.self) { try CID(string: "B" + valid.dropFirst()) }
        // Truncations hit an impossible base32 length or a short digest.
        #expect(throws: MultiformatError.self) { try CID(string: String(valid.dropLast())) }
        #expect(throws: MultiformatError.self) { try CID(string: String(valid.dropLast(2))) }
        #expect(throws: MultiformatError.self) { try CID(string: valid + "a") }
        #expect(throws: MultiformatError.self) { try CID(string: valid + "aa") }
        // "…dmm2" ends with padding bits; "…dmm3" sets one of them.
        #expect(throws: MultiformatError.nonCanonicalBase32) { try CID(string: String(valid.dropLast()) + "3") }
        #expect(throws: MultiformatError.invalidV0String) { try CID(string: "QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJB") }
        #expect(throws: MultiformatError.invalidV0String) { try CID(string: "Qn" + "Qg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY") }
        #expect(throws: MultiformatError.invalidCharacter("0", offset: 2)) {
            try CID(string: "Qm0g1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY")
        }
        #expect(throws: MultiformatError.invalidCharacter("l", offset: 1)) { try CID(string: "zl") }
        #expect(throws: MultiformatError.self) { try CID(string: "b") }
        // Long text is refused before any (quadratic) base58 work.
        let long = "z" + String(repeating: "2", count: 100_000)
        #expect(throws: MultiformatError.stringTooLong(100_001)) { try CID(string: long) }
    }

    @Test func invalidBytesAreRejected() throws {
        let digest = [UInt8](repeating: 0xab, count: 32)
        let good: [UInt8] = [0x01, 0x71, 0x12, 0x20] + digest
        #expect(try CID(bytes: good).codec == Multicodec.dagCBOR)
        #expect(throws: MultiformatError.empty) { try CID(bytes: []) }
        #expect(throws: MultiformatError.trailingBytes(offset: 36, count: 1)) { try CID(bytes: good + [0]) }
        #expect(throws: MultiformatError.digestTruncated(declared: 32, available: 31)) { try CID(bytes: good.dropLast()) }
        #expect(throws: MultiformatError.unsupportedVersion(0)) { try CID(bytes: [0x00, 0x71, 0x12, 0x20] + digest) }
        #expect(throws: MultiformatError.unsupportedVersion(2)) { try CID(bytes: [0x02, 0x71, 0x12, 0x20] + digest) }
        // Non-minimal varints: codec 0x71 as 0xf1 0x00, version 1 as 0x81 0x00.
        #expect(throws: MultiformatError.varintNotMinimal(offset: 1)) { try CID(bytes: [0x01, 0xf1, 0x00, 0x12, 0x20] + digest) }
        #expect(throws: MultiformatError.varintNotMinimal(offset: 0)) { try CID(bytes: [0x81, 0x00, 0x71, 0x12, 0x20] + digest) }
        // Known hash functions need their digest length.
        #expect(throws: MultiformatError.digestLengthMismatch(code: 0x12, expected: 32, found: 20)) {
            try CID(bytes: [0x01, 0x71, 0x12, 0x14] + digest.prefix(20))
        }
        #expect(throws: MultiformatError.digestLengthMismatch(code: 0xb220, expected: 32, found: 31)) {
            try Multihash(code: Multihash.blake2b_256, digest: Array(digest.prefix(31)))
        }
        // v0 bytes with a wrong length.
        #expect(throws: MultiformatError.self) { try CID(bytes: [0x12, 0x20] + digest.prefix(31)) }
        // A declared digest length of 2^62 fails before allocating.
        #expect(throws: MultiformatError.digestTruncated(declared: 1 << 62, available: 2)) {
            try CID(bytes: [0x01, 0x55, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0xaa, 0xbb])
        }
        // Identity multihashes carry any length inline.
        let inline = try CID(bytes: [0x01, 0x55, 0x00, 0x03, 0x61, 0x62, 0x63])
        #expect(inline.multihash.digest == Array("abc".utf8))
    }

    @Test func cidOrderingIsBytewise() throws {
        let a = try CID(bytes: [0x01, 0x55, 0x00, 0x01, 0x01])
        let b = try CID(bytes: [0x01, 0x55, 0x00, 0x01, 0x02])
        let c = try CID(bytes: [0x01, 0x71, 0x00, 0x00])
        #expect([c, b, a].sorted() == [a, b, c])
        #expect(Set([a, b, a]).count == 2)
    }

    /// RFC 4648 section 10 vectors (lower-cased, unpadded) and base58btc vectors from the
    /// draft-msporny-base58 specification.
    @Test func multibaseVectors() throws {
        let base32: [(String, String)] = [
            ("", ""), ("f", "my"), ("fo", "mzxq"), ("foo", "mzxw6"), ("foob", "mzxw6yq"), ("fooba", "mzxw6ytb"),
            ("foobar", "mzxw6ytboi"),
        ]
        for (plain, encoded) in base32 {
            #expect(Multibase.base32Encode(Array(plain.utf8)) == encoded)
            #expect(try Multibase.base32Decode(Substring(encoded).utf8) == Array(plain.utf8))
            #expect(Multibase.base32Encode(Array(plain.utf8), uppercase: true) == encoded.uppercased())
            #expect(try Multibase.base32Decode(Substring(encoded.uppercased()).utf8, uppercase: true) == Array(plain.utf8))
        }
        #expect(throws: MultiformatError.nonCanonicalBase32) { try Multibase.base32Decode(Substring("mz").utf8) }
        #expect(throws: MultiformatError.nonCanonicalBase32) { try Multibase.base32Decode(Substring("m").utf8) }
        let base58: [([UInt8], String)] = [
            (Array("Hello World!".utf8), "2NEpo7TZRRrLZSi2U"),
            (Array("The quick brown fox jumps over the lazy dog.".utf8),
             "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"),
            ([0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd], "11233QC4"),
            ([], ""), ([0], "1"),
        ]
        for (bytes, encoded) in base58 {
            #expect(Multibase.base58Encode(bytes) == encoded)
            #expect(try Multibase.base58Decode(Substring(encoded).utf8) == bytes)
        }
    }

    /// The multiformats unsigned-varint README examples.
    @Test func varintVectors() throws {
        let vectors: [(UInt64, [UInt8])] = [
            (1, [0x01]), (127, [0x7f]), (128, [0x80, 0x01]), (255, [0xff, 0x01]), (300, [0xac, 0x02]),
            (16384, [0x80, 0x80, 0x01]), (Varint.maxValue, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
        ]
        for (value, bytes) in vectors {
            #expect(Varint.encode(value) == bytes)
            #expect(Varint.encodedLength(value) == bytes.count)
            var index = 0
            #expect(try Varint.decode(bytes, from: &index) == value)
            #expect(index == bytes.count)
        }
        var index = 0
        #expect(throws: MultiformatError.varintNotMinimal(offset: 0)) { try Varint.decode([0x80, 0x00], from: &index) }
        index = 1
        #expect(throws: MultiformatError.varintNotMinimal(offset: 1)) { try Varint.decode([0x00, 0xff, 0x00], from: &index) }
        index = 0
        #expect(throws: MultiformatError.varintTooLong(offset: 0)) {
            try Varint.decode([UInt8](repeating: 0xff, count: 9) + [0x01], from: &index)
        }
        index = 0
        #expect(throws: MultiformatError.varintTruncated(offset: 0)) { try Varint.decode([0x80, 0x80], from: &index) }
        #expect(throws: MultiformatError.valueTooLarge(1 << 63)) { try Multihash(code: 1 << 63, digest: []) }
    }
}
