import Foundation
import HummingbirdWSClient
import JSONRPC
import Logging
import Synchronization
import Testing
import VenusTesting

@Suite("JSON-RPC over WebSocket")
struct WebSocketTests {
    static func withServer(
        configuration: RPCServerConfiguration = .init(), probe: Probe = Probe(),
        _ body: (TestServer, TokenSet) async throws -> Void
    ) async throws {
        let server = RPCServer(
            registry: TestAPI.registry(probe: probe), verifier: await LotusLocalTokenVerifier(secret: TokenSet.secret),
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

    /// Talks to the server frame by frame, to check the exact wire shapes.
    static func raw(
        _ url: String, token: String,
        _ script: @escaping @Sendable (inout WebSocketInboundMessageStream.AsyncIterator, WebSocketOutboundWriter)
            async throws -> Void
    ) async throws {
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = 1 << 20
        configuration.additionalHeaders[.authorization] = "Bearer \(token)"
        let failure = Locked<String?>(nil)
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: quietLogger()) {
            inbound, outbound, _ in
            var iterator = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
            do {
                try await script(&iterator, outbound)
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            try? await outbound.close(.normalClosure, reason: nil)
        }
        if let f = failure.withLock({ $0 }) { Issue.record(Comment(rawValue: f)) }
    }

    static func next(_ iterator: inout WebSocketInboundMessageStream.AsyncIterator) async throws -> [String: Any] {
        guard let message = try await iterator.next() else { throw RawError.closed }
        guard case .text(let text) = message else { throw RawError.notText }
        guard let object = try parseJSON(text) as? [String: Any] else { throw RawError.notObject(text) }
        return object
    }

    enum RawError: Error { case closed, notText, notObject(String) }

    @Test func channelWireProtocol() async throws {
        try await Self.withServer { server, tokens in
            try await Self.raw(server.wsURL, token: tokens.read) { inbound, outbound in
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","id":5,"method":"Test.Count","params":[3]}"#)
                let opened = try await Self.next(&inbound)
                #expect(opened["id"] as? Int == 5)
                let channel = try #require(opened["result"] as? Int)
                for i in 0..<3 {
                    let value = try await Self.next(&inbound)
                    #expect(value["method"] as? String == "xrpc.ch.val")
                    #expect(value["id"] == nil)
                    let params = try #require(value["params"] as? [Int])
                    #expect(params == [channel, i])
                }
                let close = try await Self.next(&inbound)
                #expect(close["method"] as? String == "xrpc.ch.close")
                #expect(close["params"] as? [Int] == [channel])

                // A plain call on the same connection.
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","id":6,"method":"Test.Add","params":[2,2]}"#)
                let answer = try await Self.next(&inbound)
                #expect(answer["id"] as? Int == 6)
                #expect(answer["result"] as? Int == 4)
            }
        }
    }

    /// A client that stops reading holds its channel's producer back (the queue is bounded), and
    /// then receives every value in order once it reads again.
    @Test func slowReaderHoldsChannelsBack() async throws {
        var configuration = RPCServerConfiguration()
        configuration.maxQueuedChannelValuesPerConnection = 8
        let probe = Probe()
        let total = 2000, size = 32 << 10
        try await Self.withServer(configuration: configuration, probe: probe) { server, tokens in
            try await Self.raw(server.wsURL, token: tokens.read) { inbound, outbound in
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","id":1,"method":"Test.Big","params":[\#(total),\#(size)]}"#)
                let opened = try await Self.next(&inbound)
                let channel = try #require(opened["result"] as? Int)
                try await Task.sleep(for: .milliseconds(800))
                // Unbounded, all 2000 values (64 MiB) would be queued by now; bounded, the producer
                // stops once the socket buffers and the 8-message queue are full.
                let produced = probe.count("big")
                #expect(produced < 500, "produced \(produced) values while nobody read")
                for i in 0..<total {
                    let frame = try await Self.next(&inbound)
                    let params = try #require(frame["params"] as? [Any])
                    #expect(params.first as? Int == channel)
                    let text = try #require(params.last as? String)
                    #expect(text.hasPrefix("\(i):") && text.count == size + "\(i):".count)
                }
                let close = try await Self.next(&inbound)
                #expect(close["method"] as? String == "xrpc.ch.close")
                #expect(probe.count("big") == total)
            }
        }
    }

    @Test func cancelStopsAChannel() async throws {
        let probe = Probe()
        try await Self.withServer(probe: probe) { server, tokens in
            try await Self.raw(server.wsURL, token: tokens.read) { inbound, outbound in
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","id":9,"method":"Test.Forever","params":[]}"#)
                let opened = try await Self.next(&inbound)
                let channel = try #require(opened["result"] as? Int)
                _ = try await Self.next(&inbound)
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","method":"xrpc.cancel","params":[9]}"#)
                // Values already queued may still arrive; the channel must then close.
                var closed = false
                for _ in 0..<1000 {
                    let frame = try await Self.next(&inbound)
                    if frame["method"] as? String == "xrpc.ch.close" {
                        #expect(frame["params"] as? [Int] == [channel])
                        closed = true
                        break
                    }
                }
                #expect(closed)
            }
            #expect(await probe.wait(for: "forever-terminated"))
        }
    }

    @Test func cancelStopsAUnaryCall() async throws {
        let probe = Probe()
        try await Self.withServer(probe: probe) { server, tokens in
            try await Self.raw(server.wsURL, token: tokens.read) { inbound, outbound in
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","id":"s","method":"Test.Sleep","params":[20000]}"#)
                #expect(await probe.wait(for: "sleep-started"))
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","method":"xrpc.cancel","params":["s"]}"#)
                let answer = try await Self.next(&inbound)
                #expect(answer["id"] as? String == "s")
                #expect((answer["error"] as? [String: Any])?["message"] as? String == "context canceled")
            }
            #expect(probe.contains("sleep-cancelled"))
        }
    }

    @Test func malformedFramesAndPermissionsOverWebSocket() async throws {
        try await Self.withServer { server, tokens in
            try await Self.raw(server.wsURL, token: tokens.read) { inbound, outbound in
                try await outbound.writeTextMessage("{nope")
                let parse = try await Self.next(&inbound)
                #expect((parse["error"] as? [String: Any])?["code"] as? Int == -32700)
                #expect(parse["id"] is NSNull)
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","id":1,"method":"Test.Admin","params":[]}"#)
                let refused = try await Self.next(&inbound)
                #expect(
                    (refused["error"] as? [String: Any])?["message"] as? String
                        == "missing permission to invoke 'Admin' (need 'admin')")
                try await outbound.writeTextMessage(#"{"jsonrpc":"2.0","id":2,"method":"Test.Add","params":[1]}"#)
                let count = try await Self.next(&inbound)
                #expect((count["error"] as? [String: Any])?["code"] as? Int == -32602)
            }
        }
    }

    @Test func concurrencyLimitPerConnection() async throws {
        var configuration = RPCServerConfiguration()
        configuration.maxConcurrentRequestsPerConnection = 2
        try await Self.withServer(configuration: configuration) { server, tokens in
            try await Self.raw(server.wsURL, token: tokens.read) { inbound, outbound in
                for id in 1...3 {
                    try await outbound.writeTextMessage(
                        #"{"jsonrpc":"2.0","id":\#(id),"method":"Test.Sleep","params":[1500]}"#)
                }
                var byID: [Int: [String: Any]] = [:]
                for _ in 0..<3 {
                    let frame = try await Self.next(&inbound)
                    byID[frame["id"] as? Int ?? -1] = frame
                }
                #expect(byID[1]?["result"] as? String == "slept")
                #expect(byID[2]?["result"] as? String == "slept")
                let refused = byID[3]?["error"] as? [String: Any]
                #expect(refused?["code"] as? Int == -32000)
                #expect((refused?["message"] as? String)?.contains("too many concurrent requests") == true)
            }
        }
    }

    @Test func oversizedMessageClosesTheConnection() async throws {
        var configuration = RPCServerConfiguration()
        configuration.maxWebSocketMessageSize = 1024
        try await Self.withServer(configuration: configuration) { server, tokens in
            try await Self.raw(server.wsURL, token: tokens.read) { inbound, outbound in
                let padding = String(repeating: " ", count: 4096)
                try await outbound.writeTextMessage(
                    #"{"jsonrpc":"2.0","id":1,"method":"Test.Add","params":[1,2]}"# + padding)
                let next = try? await inbound.next()
                #expect(next == nil)
            }
        }
    }

    @Test func typedClientCallsAndChannels() async throws {
        let probe = Probe()
        try await Self.withServer(probe: probe) { server, tokens in
            let client = try await RPCWebSocketClient.connect(
                url: server.wsURL, configuration: .init(token: tokens.admin), logger: quietLogger())
            defer { client.close() }
            #expect(try await client.call(TestAPI.add, Params2(20, 22)) == 42)
            #expect(try await client.call(TestAPI.health) == "ok")
            _ = try await client.call(TestAPI.nothing, Params1("ws"))
            #expect(probe.contains("nothing:ws"))
            await #expect(throws: RPCError(code: 7, message: "boom")) { try await client.call(TestAPI.fail) }

            var values: [Int] = []
            for try await v in try await client.subscribe(TestAPI.count, Params1(5)) { values.append(v) }
            #expect(values == [0, 1, 2, 3, 4])

            // Leaving the loop early cancels the request on the server.
            var seen = 0
            for try await _ in try await client.subscribe(TestAPI.forever, NoParams()) {
                seen += 1
                if seen == 3 { break }
            }
            #expect(await probe.wait(for: "forever-terminated"))

            // Cancelling the calling task sends xrpc.cancel.
            let call = Task { try await client.call(TestAPI.sleep, Params1(20_000)) }
            #expect(await probe.wait(for: "sleep-started"))
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
            #expect(await probe.wait(for: "sleep-cancelled"))

            // Concurrent calls on one connection.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        let value = try await client.call(TestAPI.read, Params1(Int64(i)))
                        #expect(value == Int64(i) + 1)
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func clientReconnectsAfterServerRestart() async throws {
        let tokens = try await TokenSet.make()
        let make = {
            RPCServer(
                registry: TestAPI.registry(probe: Probe()),
                verifier: await LotusLocalTokenVerifier(secret: TokenSet.secret), logger: quietLogger())
        }
        let first = try await TestServer.start(await make())
        var configuration = RPCWebSocketClient.Configuration(token: tokens.read)
        configuration.minBackoff = .milliseconds(50)
        configuration.maxBackoff = .milliseconds(200)
        configuration.connectTimeout = .seconds(10)
        let client = try await RPCWebSocketClient.connect(
            url: first.wsURL, configuration: configuration, logger: quietLogger())
        defer { client.close() }
        #expect(try await client.call(TestAPI.read, Params1(1)) == 2)

        // A channel open when the server goes away ends with connectionLost.
        let stream = try await client.subscribe(TestAPI.forever, NoParams())
        await first.stop()
        do {
            for try await _ in stream {}
            Issue.record("channel ended without error")
        } catch {
            #expect(error as? RPCClientError == .connectionLost)
        }

        let second = try await TestServer.start(await make(), port: first.port)
        #expect(try await client.call(TestAPI.read, Params1(2)) == 3)
        #expect(client.connectionCount == 2)
        await second.stop()
    }
}
