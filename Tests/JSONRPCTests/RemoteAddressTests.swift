import Foundation
import Hummingbird
import HummingbirdWebSocket
import JSONRPC
import Logging
import Testing

/// `RPCRequestContext` hands the caller's address to handlers, over HTTP and WebSocket;
/// `BasicWebSocketRequestContext` does not.
struct RemoteAddressTests {
    static let whoAmI = RPCMethod<NoParams, String>("Test.WhoAmI", .read, isPublic: true)

    func serve<Context: WebSocketRequestContext & RequestContext>(
        _ context: Context.Type, _ body: (Int) async throws -> Void
    ) async throws where Context.Source == ApplicationRequestContextSource {
        var registry = RPCRegistry()
        registry.register(Self.whoAmI) { context, _ in context.remoteAddress ?? "unknown" }
        let server = RPCServer(registry: registry, verifier: await LotusLocalTokenVerifier(secret: Array(repeating: 1, count: 32)))
        let router = Router(context: Context.self)
        server.mount(on: router, path: "/rpc/v1")
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "remote-address-test")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router, configuration: .init(ws: server.configuration.webSocketServerConfiguration)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let task = Task { try? await app.runService(gracefulShutdownSignals: []) }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(port)
    }

    @Test func handlersSeeTheCallersAddressWithRPCRequestContext() async throws {
        try await serve(RPCRequestContext.self) { port in
            let http = RPCHTTPClient(url: "http://127.0.0.1:\(port)/rpc/v1")
            let overHTTP = try await http.call(Self.whoAmI, NoParams())
            #expect(overHTTP == "127.0.0.1")
            let ws = try await RPCWebSocketClient.connect(url: "ws://127.0.0.1:\(port)/rpc/v1")
            defer { ws.close() }
            let overWebSocket = try await ws.call(Self.whoAmI, NoParams())
            #expect(overWebSocket == "127.0.0.1")
        }
    }

    @Test func theBasicContextKnowsNoAddress() async throws {
        try await serve(BasicWebSocketRequestContext.self) { port in
            let http = RPCHTTPClient(url: "http://127.0.0.1:\(port)/rpc/v1")
            let overHTTP = try await http.call(Self.whoAmI, NoParams())
            #expect(overHTTP == "unknown")
        }
    }
}
