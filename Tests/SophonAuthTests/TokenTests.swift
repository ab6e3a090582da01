import GoCompat
import VenusRuntime
import Foundation
import Testing
import VenusAPI
import VenusTesting

@testable import SophonAuth

private let oracleModules = ["hmac", "hashlib", "base64", "json"]
// Oracle tests run whenever CI=true, so a missing Python fails there instead of skipping.
private let oracleEnabled =
    PythonOracle.available(modules: oracleModules) || ProcessInfo.processInfo.environment["CI"] == "true"

@Suite("sophon-auth tokens")
struct TokenTests {
    @Test("gen, verify, get, list, rm, recover through the CLI")
    func tokenLifecycle() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "alice", "--comment", "pool A"])
            let token = try await fixture.generateToken(user: "alice", perm: "write")
            let admin = try fixture.admin

            #expect(try await admin.verify(token) == SophonTokenPayload(name: "alice", perm: .write, ext: ""))

            // The verify answer is exactly the JWT payload object, as upstream answers it.
            let raw = try await fixture.raw(.POST, "/verify", body: #"{"token":"\#(token)"}"#)
            #expect(raw.status == 200)
            let object = try #require(try JSONSerialization.jsonObject(with: raw.body) as? [String: Any])
            #expect(Set(object.keys) == ["name", "perm", "ext"])

            let listed = try await fixture.cli(["token", "list"])
            #expect(listed.contains(token))
            #expect(listed.contains("alice"))
            let byName = try await admin.getToken(name: "alice")
            #expect(byName.map(\.token) == [token])
            #expect(byName.first?.perm == "write")
            #expect(try await admin.getToken(token: token).map(\.name) == ["alice"])

            // Each token has its own secret: two tokens with the same payload differ.
            let second = try await fixture.generateToken(user: "alice", perm: "write")
            #expect(second != token)

            #expect(try await fixture.cli(["token", "rm", token]) == "remove token success: \(token)")
            await #expect(throws: SophonAuthClientError.self) { try await admin.verify(token) }
            #expect(!(try await fixture.cli(["token", "list"])).contains(token))
            #expect(try await fixture.cli(["token", "recover", token]) == "recover token success: \(token)")
            #expect(try await admin.verify(token).name == "alice")
            // Recovering a live token is refused.
            await #expect(throws: SophonAuthClientError.self) { try await admin.recoverToken(token) }
        }
    }

    @Test("the admin token is written to <repo>/token and verifies as admin")
    func adminTokenFile() async throws {
        try await AuthFixture.with { fixture in
            let token = try fixture.repo.readToken()
            let payload = try await fixture.client(token: nil).verify(token)
            #expect(payload.perm == .admin)
            #expect(payload.name == AuthService.defaultAdminUser)
        }
    }

    @Test("tokens are HS256 JWTs over {name, perm, ext} under their own stored secret (Python oracle)",
        .enabled(if: oracleEnabled, Comment(rawValue: PythonOracle.missingMessage(oracleModules))))
    func tokensMatchIndependentHS256() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "carol"])
            let admin = try fixture.admin
            let token = try await admin.generateToken(name: "carol", perm: .sign, extra: "rig-7")
            let stored = try #require(try await fixture.server.service.store.token(token))
            let answer = try #require(
                try PythonOracle.call("sophon_jwt_oracle.py", input: ["op": "verify", "secret": stored.secret, "token": token])
                    as? [String: Any])
            #expect(answer["valid"] as? Bool == true)
            #expect((answer["header"] as? [String: Any])?["alg"] as? String == "HS256")
            let payload = try #require(answer["payload"] as? [String: Any])
            #expect(Set(payload.keys) == ["name", "perm", "ext"])
            #expect(payload["name"] as? String == "carol")
            #expect(payload["perm"] as? String == "sign")
            #expect(payload["ext"] as? String == "rig-7")
            #expect(stored.secret.count == 64)
        }
    }

    @Test("our signing is byte-identical to an independent HS256 signer using Go's JSON layout",
        .enabled(if: oracleEnabled, Comment(rawValue: PythonOracle.missingMessage(oracleModules))),
        arguments: [("pool-7/rig", "sign", "x y"), ("alice", "admin", ""), ("b", "read", "{\"k\":1}")])
    func signingMatchesOracle(name: String, perm: String, ext: String) async throws {
        let secret = [UInt8](repeating: 0x42, count: 31) + [0x01]
        let ours = try await TokenCodec.sign(TokenClaims(name: name, perm: perm, ext: ext), secret: secret)
        let answer = try PythonOracle.call(
            "sophon_jwt_oracle.py",
            input: ["op": "sign", "secret": Hex.encode(secret), "payload": ["name": name, "perm": perm, "ext": ext]])
        let theirs = try #require((answer as? [String: Any])?["token"] as? String)
        #expect(ours == theirs)
    }

    @Test("a token signed elsewhere (as Go does) verifies; one signed with another secret does not",
        .enabled(if: oracleEnabled, Comment(rawValue: PythonOracle.missingMessage(oracleModules))))
    func foreignTokens() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "dave"])
            let secret = String(repeating: "5a", count: 32)
            let otherSecret = String(repeating: "a5", count: 32)
            let payload: [String: Any] = ["name": "dave", "perm": "read", "ext": ""]
            func sign(_ secret: String) throws -> String {
                let answer = try PythonOracle.call("sophon_jwt_oracle.py", input: ["op": "sign", "secret": secret, "payload": payload])
                return try #require((answer as? [String: Any])?["token"] as? String)
            }
            let good = try sign(secret)
            let forged = try sign(otherSecret)
            let store = fixture.server.service.store
            try await store.insertToken(
                StoredToken(token: good, name: "dave", perm: "read", secret: secret, extra: "", createTime: Date()))
            // The forged token is registered but with a secret that did not sign it.
            try await store.insertToken(
                StoredToken(token: forged, name: "dave", perm: "read", secret: secret, extra: "", createTime: Date()))
            let client = try fixture.client(token: nil)
            #expect(try await client.verify(good) == SophonTokenPayload(name: "dave", perm: .read))
            await #expect(throws: SophonAuthClientError.unauthorized("Verification Failed")) {
                try await client.verify(forged)
            }
            let raw = try await fixture.raw(.POST, "/verify", body: #"{"token":"\#(forged)"}"#)
            #expect(raw.status == 401)
            // The good token also authenticates REST calls.
            #expect(try await fixture.client(token: good).getUser(name: "dave").name == "dave")
        }
    }
}
