import Foundation
import Testing
import VenusTesting

@testable import JSONRPC

/// `JSONValueParser` is a fast path: wherever it answers, `JSONDecoder` must give the same value.
@Suite("JSONValueParser against JSONDecoder")
struct JSONValueParserTests {
    static let seeds: [String] = [
        #"{"jsonrpc":"2.0","id":1,"method":"Bench.Ping","params":[]}"#,
        #"{"jsonrpc":"2.0","id":"abc","method":"Test.Read","params":[1]}"#,
        #"{"jsonrpc":"2.0","id":null,"method":"Test.Add","params":[40,2]}"#,
        #"{"jsonrpc":"2.0","method":"xrpc.cancel","params":[7]}"#,
        #"[{"jsonrpc":"2.0","id":1,"method":"A.B","params":[]},{"jsonrpc":"2.0","id":2,"method":"A.C"}]"#,
        #" { "id" : -12 , "method" : "A.B" , "params" : [ true , false , null , { } , [ ] ] } "#,
        #"{"id":0,"method":"F.ChainGetTipSetByHeight","params":[123456,[{"/":"bafy2bzaced"}]]}"#,
        #"{"id":"x\"y\\z\/w\n\t\r\b\f","method":"é.ü","params":["日本", "a/b"]}"#,
        #"{"id":1.5,"method":"A","params":[1e3,-0,0.1,1E-2,123456789012345678,1234567890123456789]}"#,
        #"{"id":18446744073709551616,"method":"A","params":[-9223372036854775808,"\u00e9\ud83d\ude00"]}"#,
        #"{"meta":{"SpanContext":"abc"},"id":3,"method":"A","params":{"a":1}}"#,
        #"{"a":1,"a":2}"#,
        "[[[[[[[[[[1]]]]]]]]]]",
        "\"top\"", "42", "-7", "true", "null", "[]", "{}",
        "", " ", "{", "[1,]", "{\"a\":}", "01", "-", "1.", ".5", "+1", "tru", "nul", "[1 2]",
    ]

    /// Bytes that make JSON or break it in interesting ways.
    static let alphabet: [UInt8] = Array(#"{}[]",:0123456789-+.eE \t\n\r\/ubfnrtalsx"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xFF]

    static func slow(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    static func fast(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBytes { JSONValueParser.parse($0) }
    }

    @Test func agreesOnSeeds() {
        for seed in Self.seeds {
            let bytes = Array(seed.utf8)
            if let fast = Self.fast(bytes) {
                #expect(fast == Self.slow(bytes), "\(seed)")
            }
        }
    }

    /// The shapes every API call has take the fast path (else it speeds nothing up).
    @Test func takesCommonRequests() {
        for seed in Self.seeds.prefix(8) {
            #expect(Self.fast(Array(seed.utf8)) != nil, "\(seed)")
        }
        let deep = String(repeating: "[", count: JSONValueParser.maxDepth + 1) + String(repeating: "]", count: JSONValueParser.maxDepth + 1)
        #expect(Self.fast(Array(deep.utf8)) == nil)
        #expect(Self.slow(Array(deep.utf8)) != nil)
    }

    /// Mutated seeds: byte replacements, insertions, deletions, truncations and spliced slices.
    @Test func agreesOnMutations() {
        var rng = SeededGenerator(seed: 0x5EED)
        var answered = 0
        let cases = 30_000
        for _ in 0..<cases {
            var bytes = Array(Self.seeds.randomElement(using: &rng).map { $0.utf8 } ?? "".utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
                let byte = Self.alphabet.randomElement(using: &rng) ?? 0
                switch Int.random(in: 0..<5, using: &rng) {
                case 0 where !bytes.isEmpty: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                case 2 where !bytes.isEmpty: bytes.remove(at: at)
                case 3: bytes.removeSubrange(at...)
                default:
                    let end = min(bytes.count, at + Int.random(in: 0...8, using: &rng))
                    bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
                }
            }
            guard let fast = Self.fast(bytes) else { continue }
            answered += 1
            let slow = Self.slow(bytes)
            #expect(fast == slow, "\(String(decoding: bytes, as: UTF8.self)) fast \(fast) slow \(String(describing: slow))")
        }
        // Enough of the mutants are still valid for the comparison to mean something.
        #expect(answered > cases / 20)
    }

    /// `JSONValue.jsonBytes` (the parameters handed to a method's decoder) reads back as the
    /// document `JSONEncoder` wrote for the value before (an integral double reads back as an
    /// integer from both), over the seeds and the mutants `JSONDecoder` accepts.
    @Test func writtenValuesReadBack() {
        var rng = SeededGenerator(seed: 0xB17E5)
        var documents = Self.seeds.map { Array($0.utf8) }
        for _ in 0..<5_000 {
            var bytes = Array(Self.seeds.randomElement(using: &rng).map { $0.utf8 } ?? "".utf8)
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            bytes.insert(Self.alphabet.randomElement(using: &rng) ?? 0, at: at)
            documents.append(bytes)
        }
        var checked = 0
        for bytes in documents {
            guard let value = Self.slow(bytes) else { continue }
            checked += 1
            let written = value.jsonBytes
            let encoded = (try? JSONEncoder().encode(value)).map { Self.slow(Array($0)) }
            #expect(Self.slow(written) == encoded, "\(String(decoding: written, as: UTF8.self))")
        }
        #expect(checked > 100)
        #expect(JSONValue.array([.string("a\"\\\u{1}é"), .double(0.1), .int(-3)]).jsonBytes == Array(#"["a\"\\\u0001é",0.1,-3]"#.utf8))
    }
}
