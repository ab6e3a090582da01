import Foundation
import Testing
import VenusTesting

@testable import JSONRPC

/// `RPCResponse.fastJSON` must write the document `JSONEncoder` writes, or decline. Compared as
/// values: `JSONEncoder` orders an object's members as its storage happens to (it varies from run
/// to run), the fast path always as `jsonrpc`, `id`, `result`.
@Suite("RPCResponse fast encoding against JSONEncoder")
struct RPCResponseFastJSONTests {
    static func slow(_ response: RPCResponse) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(response)
    }

    /// Fails the test unless both documents are the same JSON value.
    static func expectSame(_ fast: Data, _ slow: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let a = try JSONDecoder().decode(JSONValue.self, from: fast)
        let b = try JSONDecoder().decode(JSONValue.self, from: slow)
        #expect(
            a == b, "\(String(decoding: fast, as: UTF8.self)) != \(String(decoding: slow, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    static let ids: [RPCID?] = [
        nil, .number(0), .number(1), .number(-1), .number(.max), .number(.min), .string(""), .string("abc"),
        .string("a/b"), .string("é日本😀"), .string("a\"b"), .string("a\\b"), .string("a\nb"), .string("\u{7F}\u{2028}"),
        .fractional(1.5),
    ]

    static let results: [any Encodable & Sendable] = [
        "pong", "", "a/b", "é日本😀", "\u{7F}\u{2028}\u{FEFF}", "quote\"", "back\\slash", "tab\t", "nul\u{0}", "\u{1F}",
        true, false, 0, -42, Int.max, Int.min, Int64(7), UInt64.max, 1.5, [1, 2], ["k": "v"], NoParams(),
    ]

    @Test func sameBytesAsJSONEncoder() throws {
        var fastCount = 0
        for id in Self.ids {
            for result in Self.results {
                let response = RPCResponse(id: id, outcome: .result(result))
                guard let fast = response.fastJSON else { continue }
                fastCount += 1
                try Self.expectSame(fast, try Self.slow(response))
            }
        }
        // Plain ids and plain results are the common case: they must take the fast path.
        #expect(fastCount >= 40)
        let pong = RPCResponse(id: .number(1), outcome: .result("pong")).fastJSON
        #expect(pong.map { String(decoding: $0, as: UTF8.self) } == #"{"jsonrpc":"2.0","id":1,"result":"pong"}"#)
        #expect(RPCResponse(id: .string("a\"b"), outcome: .result("pong")).fastJSON == nil)
        #expect(RPCResponse(id: .number(1), outcome: .result("a\nb")).fastJSON == nil)
        #expect(RPCResponse(id: .number(1), error: RPCError(code: 1, message: "x")).fastJSON == nil)
    }

    /// Random strings over bytes that JSON escapes and bytes it does not.
    @Test func plainStringsMatchJSONEncoder() throws {
        var rng = SeededGenerator(seed: 42)
        let scalars: [Unicode.Scalar] = ["a", "/", "\"", "\\", "\u{0}", "\u{8}", "\u{C}", "\n", "\u{1F}", " ", "\u{7F}", "é", "\u{2028}", "😀", "<", "&"]
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                s.unicodeScalars.append(scalars.randomElement(using: &rng) ?? "a")
            }
            let response = RPCResponse(id: .string(s), outcome: .result(s))
            if let fast = response.fastJSON {
                try Self.expectSame(fast, try Self.slow(response))
            }
        }
    }

    struct Sample: Codable, Sendable {
        var name: String
        var count: Int64
        var parts: [String]
        var next: String?
    }

    /// A result written ahead (`RPCEncodedResult`) answers, alone or in a batch, what the plain
    /// handler of the same value answers.
    @Test func encodedResultAnswersAsThePlainHandler() async throws {
        let value = Sample(name: "a/b", count: -7, parts: ["x", "é日本"], next: nil)
        let plain = RPCMethod<NoParams, Sample>("Test.Plain", .read)
        let encoded = RPCMethod<NoParams, Sample>("Test.Encoded", .read)
        var registry = RPCRegistry()
        registry.register(plain) { _, _ in value }
        registry.registerEncoded(encoded) { _, _ in try RPCEncodedResult(encoding: value) }
        let server = RPCServer(registry: registry, verifier: await LotusLocalTokenVerifier(secret: Array(repeating: 1, count: 32)))
        let token = VerifiedToken(name: "t", permissions: Set(Permission.admin.withImplied))
        func call(_ body: String) async throws -> Data {
            let answer = await server.handle(body: Data(body.utf8), token: token)
            #expect(answer.status == 200)
            return try #require(answer.body)
        }
        let single = #"{"jsonrpc":"2.0","id":3,"method":"Test.Plain","params":[]}"#
        try Self.expectSame(
            try await call(single.replacingOccurrences(of: "Plain", with: "Encoded")), try await call(single))
        let batch = "[\(single),\(single)]"
        try Self.expectSame(
            try await call(batch.replacingOccurrences(of: "Plain", with: "Encoded")), try await call(batch))
        let bytes = try #require(RPCResponse(id: .number(1), outcome: .result(RPCEncodedResult<Sample>(json: "[1]"))).fastJSON)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"jsonrpc":"2.0","id":1,"result":[1]}"#)
    }
}
