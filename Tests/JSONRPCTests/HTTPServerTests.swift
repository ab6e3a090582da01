import Foundation
import JSONRPC
import Testing

@Suite("JSON-RPC over HTTP")
struct HTTPServerTests {
    static func withServer(
        configuration: RPCServerConfiguration = .init(), rateLimiter: RateLimiter? = nil,
        _ body: (TestServer, TokenSet) async throws -> Void
    ) async throws {
        let verifier = await LotusLocalTokenVerifier(secret: TokenSet.secret)
        let server = RPCServer(
            registry: TestAPI.registry(probe: Probe()), verifier: verifier, rateLimiter: rateLimiter,
            configuration: configuration, logger: quietLogger())
        let running = try await TestServer.start(server)
        do {
            try await body(running, try await TokenSet.make())
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }

    /// The error object of a response, failing the test when there is none.
    static func error(_ text: String) throws -> (code: Int, message: String, id: Any) {
        let object = try #require(try parseJSON(text) as? [String: Any], "not an object: \(text)")
        let error = try #require(object["error"] as? [String: Any], "no error in \(text)")
        #expect(object["result"] == nil, "result and error together: \(text)")
        #expect(object["jsonrpc"] as? String == "2.0")
        return (try #require(error["code"] as? Int), try #require(error["message"] as? String), object["id"] as Any)
    }

    static func result(_ text: String) throws -> Any {
        let object = try #require(try parseJSON(text) as? [String: Any], "not an object: \(text)")
        #expect(object["error"] == nil, "unexpected error: \(text)")
        return try #require(object["result"], "no result in \(text)")
    }

    @Test func callWithPositionalParams() async throws {
        try await Self.withServer { server, tokens in
            let (status, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":7,"method":"Test.Add","params":[40,2]}"#, authorization: "Bearer \(tokens.read)")
            #expect(status == 200)
            #expect(try Self.result(body) as? Int == 42)
            let object = try #require(try parseJSON(body) as? [String: Any])
            #expect(object["id"] as? Int == 7)
            let (_, stringID) = try await server.post(
                #"{"jsonrpc":"2.0","id":"abc","method":"Test.Read","params":[1]}"#, authorization: "Bearer \(tokens.read)")
            #expect((try parseJSON(stringID) as? [String: Any])?["id"] as? String == "abc")
        }
    }

    @Test func tokenInQueryString() async throws {
        try await Self.withServer { server, tokens in
            let (status, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"Test.WhoAmI","params":[]}"#, query: "?token=\(tokens.read)")
            #expect(status == 200)
            #expect(try Self.result(body) as? String == LotusLocalToken.name)
        }
    }

    @Test func malformedJSON() async throws {
        try await Self.withServer { server, tokens in
            for text in ["{", "{\"id\":1,", "nul", "[1,", "\u{0}"] {
                let (status, body) = try await server.post(text, authorization: "Bearer \(tokens.admin)")
                #expect(status == 500, "\(text)")
                let e = try Self.error(body)
                #expect(e.code == -32700, "\(text)")
                #expect(e.message == "Parse error")
                #expect(e.id is NSNull)
            }
        }
    }

    @Test func emptyBodyAndEmptyBatchAreInvalidRequests() async throws {
        try await Self.withServer { server, tokens in
            for text in ["", "   \n", "[]"] {
                let (status, body) = try await server.post(text, authorization: "Bearer \(tokens.admin)")
                #expect(status == 400, "\(text)")
                #expect(try Self.error(body).code == -32600)
            }
        }
    }

    @Test func nonObjectsAndBadIDs() async throws {
        try await Self.withServer { server, tokens in
            for text in ["5", "\"x\"", #"{"id":{"a":1},"method":"Test.Health","params":[]}"#, #"{"id":1,"method":5}"#] {
                let (status, body) = try await server.post(text, authorization: "Bearer \(tokens.admin)")
                #expect(status == 500, "\(text)")
                #expect(try Self.error(body).code == -32700, "\(text)")
            }
        }
    }

    @Test func unknownMethod() async throws {
        try await Self.withServer { server, tokens in
            let (status, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"Test.Nope","params":[]}"#, authorization: "Bearer \(tokens.admin)")
            #expect(status == 500)
            let e = try Self.error(body)
            #expect(e.code == -32601)
            #expect(e.message == "method 'Test.Nope' not found")
            #expect(e.id as? Int == 1)
        }
    }

    @Test func wrongParamCount() async throws {
        try await Self.withServer { server, tokens in
            for (params, got) in [("[1]", 1), ("[1,2,3]", 3), ("[]", 0)] {
                let (status, body) = try await server.post(
                    #"{"jsonrpc":"2.0","id":1,"method":"Test.Add","params":\#(params)}"#,
                    authorization: "Bearer \(tokens.admin)")
                #expect(status == 500)
                let e = try Self.error(body)
                #expect(e.code == -32602)
                #expect(e.message == "wrong param count (method 'Test.Add'): \(got) != 2")
            }
            // Absent params count as none.
            let (_, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"Test.Write"}"#, authorization: "Bearer \(tokens.admin)")
            #expect(try Self.result(body) as? String == "write")
        }
    }

    @Test func wrongParamTypes() async throws {
        try await Self.withServer { server, tokens in
            for params in [#"["a", 2]"#, "[1.5, 2]", "[null, 2]", "[1, {}]", "[99999999999999999999, 1]"] {
                let (status, body) = try await server.post(
                    #"{"jsonrpc":"2.0","id":1,"method":"Test.Add","params":\#(params)}"#,
                    authorization: "Bearer \(tokens.admin)")
                #expect(status == 500, "\(params)")
                let e = try Self.error(body)
                #expect(e.code == -32700, "\(params)")
                #expect(e.message.hasPrefix("unmarshaling params for 'Test.Add'"), "\(e.message)")
            }
            let (_, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"Test.Add","params":{"a":1}}"#, authorization: "Bearer \(tokens.admin)")
            #expect(try Self.error(body).code == -32700)
        }
    }

    @Test func methodErrorsUseTheirCode() async throws {
        try await Self.withServer { server, tokens in
            let (status, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":3,"method":"Test.Fail","params":[]}"#, authorization: "Bearer \(tokens.read)")
            #expect(status == 200)
            let e = try Self.error(body)
            #expect(e.code == 7)
            #expect(e.message == "boom")
        }
    }

    @Test func voidResultIsNull() async throws {
        try await Self.withServer { server, tokens in
            let (_, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":3,"method":"Test.Nothing","params":["x"]}"#,
                authorization: "Bearer \(tokens.write)")
            let object = try #require(try parseJSON(body) as? [String: Any])
            #expect(object.keys.contains("result"))
            #expect(object["result"] is NSNull)
        }
    }

    @Test func notificationGetsNoResponse() async throws {
        try await Self.withServer { server, tokens in
            let (status, body) = try await server.post(
                #"{"jsonrpc":"2.0","method":"Test.Nothing","params":["n"]}"#, authorization: "Bearer \(tokens.write)")
            #expect(status == 200)
            #expect(body.isEmpty)
        }
    }

    @Test func batch() async throws {
        try await Self.withServer { server, tokens in
            let text = """
                [{"jsonrpc":"2.0","id":1,"method":"Test.Add","params":[1,2]},
                 {"jsonrpc":"2.0","method":"Test.Nothing","params":["n"]},
                 {"jsonrpc":"2.0","id":2,"method":"Test.Nope","params":[]},
                 {"jsonrpc":"2.0","id":3,"method":"Test.Add","params":[1]},
                 7]
                """
            let (status, body) = try await server.post(text, authorization: "Bearer \(tokens.admin)")
            #expect(status == 200)
            let array = try #require(try parseJSON(body) as? [[String: Any]], "\(body)")
            #expect(array.count == 4)
            #expect(array[0]["id"] as? Int == 1)
            #expect(array[0]["result"] as? Int == 3)
            #expect((array[1]["error"] as? [String: Any])?["code"] as? Int == -32601)
            #expect((array[2]["error"] as? [String: Any])?["code"] as? Int == -32602)
            #expect((array[3]["error"] as? [String: Any])?["code"] as? Int == -32700)
            #expect(array[3]["id"] is NSNull)
        }
    }

    @Test func batchLimit() async throws {
        var configuration = RPCServerConfiguration()
        configuration.maxBatchSize = 2
        try await Self.withServer(configuration: configuration) { server, tokens in
            let call = #"{"jsonrpc":"2.0","id":1,"method":"Test.Write","params":[]}"#
            let (_, ok) = try await server.post("[\(call),\(call)]", authorization: "Bearer \(tokens.admin)")
            #expect((try parseJSON(ok) as? [Any])?.count == 2)
            let (status, body) = try await server.post("[\(call),\(call),\(call)]", authorization: "Bearer \(tokens.admin)")
            #expect(status == 500)
            let e = try Self.error(body)
            #expect(e.code == -32000)
            #expect(e.message.contains("exceeds the limit of 2"))
        }
    }

    @Test func oversizedBody() async throws {
        var configuration = RPCServerConfiguration()
        configuration.maxRequestSize = 1024
        try await Self.withServer(configuration: configuration) { server, tokens in
            let padding = String(repeating: " ", count: 2000)
            let (status, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"Test.Write","params":[]}"# + padding,
                authorization: "Bearer \(tokens.admin)")
            #expect(status == 500)
            let e = try Self.error(body)
            #expect(e.code == -32700)
            #expect(e.message == "request bigger than maximum 1024 allowed")
            // Just under the limit still works.
            let (okStatus, _) = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"Test.Write","params":[]}"#, authorization: "Bearer \(tokens.admin)")
            #expect(okStatus == 200)
        }
    }

    @Test func streamingMethodNeedsWebSocket() async throws {
        try await Self.withServer { server, tokens in
            let (_, body) = try await server.post(
                #"{"jsonrpc":"2.0","id":1,"method":"Test.Count","params":[3]}"#, authorization: "Bearer \(tokens.admin)")
            let e = try Self.error(body)
            #expect(e.code == -32601)
            #expect(e.message == "method 'Test.Count' not supported in this mode (no out channel support)")
        }
    }

    @Test func healthCheckNeedsNoToken() async throws {
        try await Self.withServer { server, _ in
            let (status, body) = try await server.get("/healthcheck")
            #expect(status == 200)
            #expect(body == "ok")
        }
    }
}
