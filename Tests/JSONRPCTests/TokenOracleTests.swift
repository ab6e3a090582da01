import GoCompat
import Foundation
import JSONRPC
import Testing
import VenusTesting

private let modules = ["hmac", "hashlib", "base64", "json"]
private let oracleEnabled =
    ProcessInfo.processInfo.environment["CI"] == "true" || PythonOracle.available(modules: modules)

/// Lotus local tokens checked against an independent HS256 implementation (Python's standard library).
@Suite("Lotus token oracle", .enabled(if: oracleEnabled, Comment(rawValue: PythonOracle.missingMessage(modules))))
struct TokenOracleTests {
    static let secretHex = Hex.encode(TokenSet.secret)

    @Test func oracleVerifiesIssuedTokens() async throws {
        for permissions in [[Permission.read], [.read, .write], Permission.allCases] {
            let token = try await LotusLocalToken.issue(permissions: permissions, secret: TokenSet.secret)
            let answer = try #require(
                try PythonOracle.call(
                    "jwt_oracle.py", input: ["op": "verify", "secret": Self.secretHex, "token": token]) as? [String: Any])
            #expect(answer["valid"] as? Bool == true)
            #expect((answer["header"] as? [String: Any])?["alg"] as? String == "HS256")
            #expect((answer["payload"] as? [String: Any])?["Allow"] as? [String] == permissions.map(\.rawValue))
        }
    }

    @Test func verifierAcceptsOracleTokens() async throws {
        let verifier = await LotusLocalTokenVerifier(secret: TokenSet.secret)
        let cases: [([String], Set<Permission>)] = [
            (["read"], [.read]), (["read", "write", "sign"], [.read, .write, .sign]),
            (["read", "write", "sign", "admin"], [.read, .write, .sign, .admin]), (["admin"], [.admin]),
        ]
        for (allow, expected) in cases {
            let answer = try #require(
                try PythonOracle.call(
                    "jwt_oracle.py", input: ["op": "sign", "secret": Self.secretHex, "payload": ["Allow": allow]])
                    as? [String: Any])
            let token = try #require(answer["token"] as? String)
            #expect(try await verifier.verify(token).permissions == expected)
            // One flipped signature character must be refused.
            var tampered = Array(token)
            let last = tampered.count - 2
            tampered[last] = tampered[last] == "A" ? "B" : "A"
            await #expect(throws: (any Error).self) { try await verifier.verify(String(tampered)) }
        }
    }
}
