import Foundation
import Testing
import VenusAPI

@testable import SophonAuth

@Suite("sophon-auth refusals")
struct ErrorTests {
    private func errorText(_ body: Data) throws -> String? {
        (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["error"] as? String
    }

    @Test("malformed bodies, unknown tokens, missing or insufficient permission")
    func refusals() async throws {
        try await AuthFixture.with { fixture in
            let adminToken = try fixture.repo.readToken()
            _ = try await fixture.cli(["user", "add", "liam"])
            let readToken = try await fixture.generateToken(user: "liam", perm: "read")
            let writeToken = try await fixture.generateToken(user: "liam", perm: "write")

            // Malformed JSON and non-object JSON: 400 with an error text.
            for body in ["{\"name\": ", "[1,2]", "\"x\"", "{\"name\": \"a\",}", "\u{7f}\u{1}"] {
                let answer = try await fixture.raw(.POST, "/genToken", body: body, token: adminToken)
                #expect(answer.status == 400, "body \(body)")
                #expect(try errorText(answer.body)?.isEmpty == false)
            }
            // Wrong field types and a missing required field.
            #expect(try await fixture.raw(.PUT, "/user/new", body: #"{"name": 5, "state": "x"}"#, token: adminToken).status == 400)
            #expect(try await fixture.raw(.POST, "/verify", body: "{}").status == 400)
            #expect(try await fixture.raw(.POST, "/genToken", body: #"{"name":"liam","perm":"root"}"#, token: adminToken).status == 400)
            #expect(try await fixture.raw(.GET, "/user/miner?miner=f9zz", token: adminToken).status == 400)

            // Unknown or malformed tokens: 401 with an error, for /verify and for authentication.
            let unknown = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYW1lIjoibGlhbSIsInBlcm0iOiJhZG1pbiIsImV4dCI6IiJ9.c2lnbmF0dXJl"
            for token in [unknown, "not-a-jwt", "a.b.c", ""] {
                let verify = try await fixture.raw(.POST, "/verify", body: #"{"token":"\#(token)"}"#)
                #expect(verify.status == (token.isEmpty ? 400 : 401), "token \(token)")
                let call = try await fixture.raw(.GET, "/tokens", token: token)
                #expect(call.status == 401, "token \(token)")
                #expect(try errorText(call.body)?.isEmpty == false)
            }
            // No credentials, or no Bearer prefix.
            #expect(try await fixture.raw(.GET, "/tokens").status == 401)
            #expect(try await fixture.raw(.GET, "/tokens", authorization: adminToken).status == 401)

            // Insufficient permission: 403.
            for token in [readToken, writeToken] {
                #expect(try await fixture.raw(.POST, "/genToken", body: #"{"name":"liam","perm":"read"}"#, token: token).status == 403)
                #expect(try await fixture.raw(.GET, "/user/list", token: token).status == 403)
                #expect(try await fixture.raw(.GET, "/tokens", token: token).status == 403)
                #expect(try await fixture.raw(.POST, "/user/ratelimit/upsert",
                    body: #"{"Name":"liam","ReqLimit":{"Cap":1,"ResetDur":1}}"#, token: token).status == 403)
            }
            let asReader = try fixture.client(token: readToken)
            await #expect(throws: SophonAuthClientError.self) { try await asReader.getUser(name: AuthService.defaultAdminUser) }
            // ...but a user may read itself and its own tokens, as upstream allows.
            #expect(try await asReader.getUser(name: "liam").name == "liam")
            #expect(try await asReader.getToken(name: "liam").count == 2)
            // A write token holds read too (cumulative), never admin.
            #expect(try await fixture.client(token: writeToken).listMiners(user: "liam").isEmpty)

            // Open endpoints need no token.
            #expect(try await fixture.raw(.GET, "/healthcheck").status == 200)
            #expect(try await fixture.client(token: nil).version() == AuthRouter.version)

            // /metrics (the service skeleton's) needs a token; it counts live users and tokens.
            #expect(try await fixture.raw(.GET, "/metrics").status == 401)
            #expect(try await fixture.raw(.GET, "/metrics", token: "forged").status == 401)
            let metrics = try await fixture.raw(.GET, "/metrics", token: readToken)
            #expect(metrics.status == 200)
            let text = String(decoding: metrics.body, as: UTF8.self)
            let users = try await fixture.admin.listUsers(skip: 0, limit: 1000, state: .undefined).count
            #expect(text.contains("sophon_auth_users \(users)"), "\(text)")
            #expect(text.contains("sophon_auth_tokens "), "\(text)")
        }
    }

    @Test("form-encoded bodies and query tokens work as with upstream's gin binding")
    func formBodies() async throws {
        try await AuthFixture.with { fixture in
            let adminToken = try fixture.repo.readToken()
            let form = "application/x-www-form-urlencoded"
            #expect(try await fixture.raw(.PUT, "/user/new", body: "name=mia&state=1&comment=a+b", contentType: form, token: adminToken).status == 200)
            #expect(try await fixture.admin.getUser(name: "mia").comment == "a b")
            let generated = try await fixture.raw(.POST, "/genToken", body: "name=mia&perm=sign", contentType: form, token: adminToken)
            let token = try #require((try JSONSerialization.jsonObject(with: generated.body) as? [String: Any])?["token"] as? String)
            let verified = try await fixture.raw(.POST, "/verify", body: "token=\(token)", contentType: form)
            #expect(verified.status == 200)
            // Upstream also takes the caller's token from the query.
            #expect(try await fixture.raw(.GET, "/user?name=mia&token=\(adminToken)").status == 200)
            // Go clients send Go field names; keys match case-insensitively.
            let upsert = try await fixture.raw(.POST, "/user/miner/add",
                body: #"{"User":"mia","Miner":"f02000","OpenMining":true}"#, token: adminToken)
            #expect(upsert.status == 200)
            #expect(String(decoding: upsert.body, as: UTF8.self) == "true")
        }
    }
}
