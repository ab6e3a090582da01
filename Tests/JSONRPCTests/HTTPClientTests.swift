import Foundation
import JSONRPC
import Testing

@Suite("Typed HTTP client")
struct HTTPClientTests {
    @Test func typedCalls() async throws {
        let probe = Probe()
        let server = RPCServer(
            registry: TestAPI.registry(probe: probe), verifier: await LotusLocalTokenVerifier(secret: TokenSet.secret),
            logger: quietLogger())
        let running = try await TestServer.start(server)
        let tokens = try await TokenSet.make()
        let client = RPCHTTPClient(url: running.httpURL, token: tokens.write)
        #expect(try await client.call(TestAPI.add, Params2(-5, 3)) == -2)
        #expect(try await client.call(TestAPI.whoami) == LotusLocalToken.name)
        _ = try await client.call(TestAPI.nothing, Params1("http"))
        #expect(probe.contains("nothing:http"))
        await #expect(throws: RPCError(code: 7, message: "boom")) { try await client.call(TestAPI.fail) }
        await #expect(throws: RPCError.missingPermission(method: "Test.Admin", need: .admin)) {
            try await client.call(TestAPI.admin)
        }
        let anonymous = RPCHTTPClient(url: running.httpURL)
        #expect(try await anonymous.call(TestAPI.health) == "ok")
        let bad = RPCHTTPClient(url: running.httpURL, token: tokens.wrongSignature)
        await #expect(throws: RPCClientError.unauthorized) { try await bad.call(TestAPI.health) }
        await running.stop()
    }
}
