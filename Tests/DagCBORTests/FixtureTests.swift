import GoCompat
import Crypto
import DagCBOR
import Foundation
import Testing
import VenusTesting

/// The ipld/codec-fixtures corpus: every dag-cbor fixture must decode, re-encode byte for byte,
/// and hash to the CID in its file name; every negative fixture must be rejected.
///
/// The three fixtures outside Int64 (`int-18446744073709551615`, `int-11959030306112471731`,
/// `int--11959030306112471732`) are full members here: `CBORValue` holds any CBOR integer
/// (`.unsigned` up to 2^64-1, `.negative` down to -2^64), so they must round-trip like the rest.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct FixtureTests {
    struct Fixture {
        let folder: String
        let cid: String
        let bytes: [UInt8]
        let json: Data?
    }

    static func loadFixtures() throws -> [Fixture] {
        let root = try TestVectors.url("ipld-codec-fixtures/fixtures")
        let manager = FileManager.default
        var fixtures: [Fixture] = []
        for folder in try manager.contentsOfDirectory(atPath: root.path).sorted() {
            let folderURL = root.appendingPathComponent(folder, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue
            else { continue }
            let files = try manager.contentsOfDirectory(atPath: folderURL.path)
            let jsonFile = files.first { $0.hasSuffix(".dag-json") }
            for file in files where file.hasSuffix(".dag-cbor") {
                let data = try Data(contentsOf: folderURL.appendingPathComponent(file))
                fixtures.append(
                    Fixture(
                        folder: folder, cid: String(file.dropLast(".dag-cbor".count)), bytes: [UInt8](data),
                        json: try jsonFile.map { try Data(contentsOf: folderURL.appendingPathComponent($0)) }))
            }
        }
        return fixtures
    }

    @Test func everyFixtureRoundTripsAndMatchesItsCID() throws {
        let fixtures = try Self.loadFixtures()
        // 128 folders, minus the dag-pb-only ones; guards against an empty glob passing silently.
        #expect(fixtures.count >= 100, "found only \(fixtures.count) dag-cbor fixtures")
        let folders = Set(fixtures.map(\.folder))
        for nonASCII in ["string-Čaues ßvěte!", "string-水", "string-𐅑"] {
            #expect(folders.contains { $0.unicodeScalars.elementsEqual(nonASCII.unicodeScalars) || $0 == nonASCII },
                "missing fixture \(nonASCII)")
        }
        for fixture in fixtures {
            let value: CBORValue
            do {
                value = try CBORValue(cborBytes: fixture.bytes)
            } catch {
                Issue.record("\(fixture.folder): decode failed: \(error)")
                continue
            }
            #expect(value.cborBytes == fixture.bytes, "\(fixture.folder): re-encoding differs")
            let named = try CID(string: fixture.cid)
            #expect(named.codec == Multicodec.dagCBOR, "\(fixture.folder)")
            #expect(named.multihash.code == Multihash.sha2_256, "\(fixture.folder)")
            let digest = [UInt8](SHA256.hash(data: fixture.bytes))
            let computed = try CID(
                version: .v1, codec: named.codec, multihash: Multihash(code: Multihash.sha2_256, digest: digest))
            #expect(computed == named, "\(fixture.folder): CID of bytes \(computed) != file name")
            #expect(computed.description == fixture.cid, "\(fixture.folder)")
        }
    }

    /// Folder names state the value for scalar fixtures; check the decoded value against them.
    @Test func scalarFixturesDecodeToTheValueTheirNameStates() throws {
        var checked = 0
        for fixture in try Self.loadFixtures() {
            let value = try CBORValue(cborBytes: fixture.bytes)
            let name = fixture.folder
            if name.hasPrefix("int-") {
                let number = String(name.dropFirst(4))
                if number.hasPrefix("-") {
                    // -1-n = value  =>  n = |value| - 1, computed on the decimal digits.
                    let magnitude = try #require(Self.decimalMinusOne(String(number.dropFirst())), "\(name)")
                    #expect(value == .negative(magnitude), "\(name): \(value)")
                } else {
                    #expect(value == .unsigned(try #require(UInt64(number))), "\(name): \(value)")
                }
                checked += 1
            } else if name.hasPrefix("string-") {
                #expect(value == .text(String(name.dropFirst(7))) || name == "string-long-8bit"
                    || name == "string-empty" && value == .text(""), "\(name): \(value)")
                checked += 1
            } else if name == "null" {
                #expect(value == .null)
                checked += 1
            } else if name == "true" || name == "false" {
                #expect(value == .bool(name == "true"))
                checked += 1
            } else if name.hasPrefix("float-"), let expected = Double(name.dropFirst(6)) {
                #expect(value == .float(expected), "\(name): \(value)")
                checked += 1
            }
        }
        #expect(checked >= 40, "only \(checked) scalar fixtures checked")
    }

    /// Decimal string n (up to 2^64) minus one, as UInt64.
    static func decimalMinusOne(_ digits: String) -> UInt64? {
        if digits == "18446744073709551616" { return UInt64.max }
        return UInt64(digits).flatMap { $0 == 0 ? nil : $0 - 1 }
    }

    /// The dag-json twin spells every link as {"/": "<cid string>"}: the CIDs decoded from the
    /// CBOR must be those, in order, and format back to the same text.
    @Test func cidFixturesAgreeWithTheirDagJSONTwins() throws {
        var checked = 0
        for fixture in try Self.loadFixtures() where fixture.folder.hasPrefix("cid-") {
            let json = try JSONSerialization.jsonObject(with: try #require(fixture.json), options: [.fragmentsAllowed])
            let expected = Self.linkStrings(json)
            let found = Self.cids(in: try CBORValue(cborBytes: fixture.bytes))
            #expect(found.map(\.description) == expected, "\(fixture.folder)")
            for text in expected {
                let parsed = try CID(string: text)
                #expect(parsed.description == text)
                #expect(try CID(bytes: parsed.bytes) == parsed)
            }
            checked += expected.count
        }
        #expect(checked >= 20)
    }

    static func linkStrings(_ json: Any) -> [String] {
        if let object = json as? [String: Any] {
            if object.count == 1, let link = object["/"] as? String { return [link] }
            return object.keys.sorted().flatMap { linkStrings(object[$0] as Any) }
        }
        if let array = json as? [Any] { return array.flatMap(linkStrings) }
        return []
    }

    static func cids(in value: CBORValue) -> [CID] {
        switch value {
        case .cid(let cid): [cid]
        case .array(let elements): elements.flatMap(cids)
        case .map(let entries): entries.sorted { $0.key < $1.key }.flatMap { cids(in: $0.value) }
        default: []
        }
    }

    @Test func negativeFixturesAreRejected() throws {
        let cases = try #require(
            try TestVectors.json("ipld-codec-fixtures/negative-fixtures/dag-cbor/decode/duplicate-keys.json")
                as? [[String: Any]])
        #expect(!cases.isEmpty)
        for entry in cases {
            let hex = try #require(entry["hex"] as? String)
            let bytes = try Hex.decode(hex)
            #expect(throws: CBORError.self, "\(entry["name"] ?? hex)") { try CBORValue(cborBytes: bytes) }
            var reader = CBORReader(bytes: bytes)
            #expect(throws: CBORError.self) { try reader.skipValue() }
        }
        // The one upstream case: {"bar": 3, "foo": 1, "foo": 2}; the second "foo" starts at byte 11.
        let bytes = try Hex.decode("a3636261720363666f6f0163666f6f02")
        #expect(throws: CBORError(.duplicateMapKey("foo"), offset: 11)) { try CBORValue(cborBytes: bytes) }
    }
}
