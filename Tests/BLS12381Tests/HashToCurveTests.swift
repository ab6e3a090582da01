import Foundation
import Testing
import VenusTesting
@testable import BLS12381

/// RFC 9380 vectors for expand_message_xmd and hash_to_curve onto G2.
@Suite(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct HashToCurveTests {
    @Test(arguments: ["expand_message_xmd_SHA256_38.json", "expand_message_xmd_SHA256_256.json"])
    func expandMessageXMD(file: String) throws {
        let loaded = try TestVectors.json("hash-to-curve/" + file)
        let json = try #require(loaded as? [String: Any])
        let dst = Array(try field(json, "DST").utf8)
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == 10)
        for test in tests {
            let msg = Array(try field(test, "msg").utf8)
            let lengthText = try field(test, "len_in_bytes")
            let length = try #require(Int(lengthText.dropFirst(2), radix: 16))
            let expected = try hexField(test, "uniform_bytes")
            let out = ExpandMessageXMD.expand(msg, dst: dst, length: length)
            #expect(out == expected, "msg \(test["msg"] ?? "") len \(length)")
        }
    }

    @Test func expandMessageRejectsBadLengths() {
        #expect(ExpandMessageXMD.expand([1], dst: [1], length: 0) == nil)
        #expect(ExpandMessageXMD.expand([1], dst: [1], length: 255 * 32 + 1) == nil)
        #expect(ExpandMessageXMD.expand([1], dst: [1], length: 255 * 32)?.count == 255 * 32)
    }

    static func fp2(_ text: Any?) throws -> Fp2 {
        guard let parts = (text as? String)?.split(separator: ",").map(String.init), parts.count == 2,
            let c0 = hexBytes(parts[0]), let c1 = hexBytes(parts[1]), c0.count == 48, c1.count == 48,
            let a = c0.withUnsafeBytes({ Fp.fromBigEndian($0, offset: 0) }),
            let b = c1.withUnsafeBytes({ Fp.fromBigEndian($0, offset: 0) })
        else { throw TestFailure.malformedVector("Fp2 \(String(describing: text))") }
        return Fp2(a, b)
    }

    static func point(_ json: Any?) throws -> (Fp2, Fp2) {
        guard let p = json as? [String: Any] else { throw TestFailure.malformedVector("point") }
        return (try fp2(p["x"]), try fp2(p["y"]))
    }

    @Test func hashToG2Vectors() throws {
        let loaded = try TestVectors.json("hash-to-curve/BLS12381G2_XMD-SHA-256_SSWU_RO_.json")
        let json = try #require(loaded as? [String: Any])
        let dst = Array(try field(json, "dst").utf8)
        let vectors = try #require(json["vectors"] as? [[String: Any]])
        #expect(vectors.count == 5)
        for v in vectors {
            let msg = Array(try field(v, "msg").utf8)
            let us = try #require(v["u"] as? [String])
            let (u0, u1) = HashToG2.hashToField(msg, dst: dst)
            #expect(u0 == (try Self.fp2(us[0])))
            #expect(u1 == (try Self.fp2(us[1])))
            let q0 = try #require(HashToG2.mapToCurve(u0).affine)
            let q1 = try #require(HashToG2.mapToCurve(u1).affine)
            let e0 = try Self.point(v["Q0"]), e1 = try Self.point(v["Q1"])
            #expect(q0.x == e0.0 && q0.y == e0.1)
            #expect(q1.x == e1.0 && q1.y == e1.1)
            let p = try #require(HashToG2.hash(msg, dst: dst).affine)
            let e = try Self.point(v["P"])
            #expect(p.x == e.0 && p.y == e.1, "msg \(v["msg"] ?? "")")
        }
    }
}
