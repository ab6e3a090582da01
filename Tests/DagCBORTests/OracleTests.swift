import GoCompat
import DagCBOR
import Foundation
import Testing
import VenusTesting

/// Cross-checks against Python's `dag_cbor` (strict DAG-CBOR) and `cbor2` (generic CBOR) through
/// `Tests/Oracles/cbor_oracle.py`. Disabled with a message when the modules are missing, except
/// under CI=true where it must run (and then fails if Python is unavailable).
@Suite(.enabled(if: OracleGate.enabled, Comment(rawValue: PythonOracle.missingMessage(OracleGate.modules))))
struct OracleTests {
    /// Python generates and encodes random values; we decode to the same value and re-encode
    /// to the same bytes.
    @Test(arguments: [1 as UInt64, 2, 3])
    func pythonEncodedValuesRoundTrip(seed: UInt64) throws {
        let output = try PythonOracle.call("cbor_oracle.py", arguments: ["generate"], input: ["seed": seed, "count": 150])
        let cases = try #require(output as? [[String: Any]])
        #expect(cases.count == 150)
        for (index, entry) in cases.enumerated() {
            let hex = try #require(entry["hex"] as? String)
            let bytes = try Hex.decode(hex)
            let expected = try ValueDescription.build(entry["value"] as Any)
            let decoded: CBORValue
            do {
                decoded = try CBORValue(cborBytes: bytes)
            } catch {
                Issue.record("seed \(seed) case \(index): \(error) for \(hex)")
                continue
            }
            #expect(decoded == expected, "seed \(seed) case \(index): \(hex)")
            #expect(decoded.cborBytes == bytes, "seed \(seed) case \(index): \(hex)")
        }
    }

    /// We encode random values; Python's dag_cbor and cbor2 decode them to the same value, and
    /// dag_cbor encodes that value to our exact bytes.
    @Test(arguments: [11 as UInt64, 12, 13])
    func swiftEncodedValuesDecodeInPython(seed: UInt64) throws {
        var random = RandomValues(rng: SeededGenerator(seed: seed))
        var request: [[String: Any]] = []
        var hexes: [String] = []
        for _ in 0..<150 {
            let value = try random.value()
            let hex = Hex.encode(value.cborBytes)
            hexes.append(hex)
            request.append(["hex": hex, "value": ValueDescription.describe(value)])
        }
        let output = try PythonOracle.call("cbor_oracle.py", arguments: ["check"], input: request)
        let results = try #require(output as? [[String: Any]])
        #expect(results.count == request.count)
        for (index, result) in results.enumerated() {
            #expect(result["ok"] as? Bool == true, "seed \(seed) case \(index) \(hexes[index]): \(result["why"] ?? "")")
        }
    }

    /// `multiformats` formats random CIDs (v0 and v1, Filecoin codecs and hashes) in every base
    /// we parse; we parse each to the same binary CID and format the canonical text identically.
    @Test func cidTextMatchesMultiformats() throws {
        let output = try PythonOracle.call("cbor_oracle.py", arguments: ["cids"], input: ["seed": 5, "count": 300])
        let cases = try #require(output as? [[String: String]])
        #expect(cases.count == 300)
        var v0 = 0
        for entry in cases {
            let hex = try #require(entry["hex"])
            let bytes = try Hex.decode(hex)
            let text = try #require(entry["text"])
            let cid = try CID(bytes: bytes)
            #expect(cid.description == text, "\(hex)")
            #expect(try CID(string: text) == cid, "\(text)")
            if cid.version == .v0 { v0 += 1 }
            for key in ["base32upper", "base58btc"] {
                if let other = entry[key] {
                    #expect(try CID(string: other) == cid, "\(other)")
                }
            }
        }
        #expect(v0 > 20 && v0 < 280)
    }
}
