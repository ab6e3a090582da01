import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdWebSocket
import JSONRPC
import Logging
import NIOCore
import Synchronization

/// A real server on 127.0.0.1 (ephemeral port unless given), stopped with `stop()`.
struct TestServer {
    let port: Int
    private let task: Task<Void, Never>

    static func start(_ server: RPCServer, port: Int = 0, path: String = "/rpc/v1") async throws -> TestServer {
        let router = Router(context: BasicWebSocketRequestContext.self)
        RPCServer.mountHealthCheck(on: router)
        server.mount(on: router, path: RouterPath(path))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router, configuration: .init(ws: server.configuration.webSocketServerConfiguration)),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let task = Task {
            do { try await app.runService(gracefulShutdownSignals: []) } catch {}
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else {
            task.cancel()
            throw TestServerError.didNotStart
        }
        return TestServer(port: bound, task: task)
    }

    func stop() async {
        task.cancel()
        await task.value
    }

    var httpURL: String { "http://127.0.0.1:\(port)/rpc/v1" }
    var wsURL: String { "ws://127.0.0.1:\(port)/rpc/v1" }

    /// Posts `body` with optional raw `Authorization` header; returns status and body text.
    func post(_ body: String, authorization: String? = nil, query: String = "") async throws -> (Int, String) {
        var request = HTTPClientRequest(url: httpURL + query)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 24)
        return (Int(response.status.code), String(buffer: buffer))
    }

    func get(_ path: String) async throws -> (Int, String) {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: buffer))
    }
}

enum TestServerError: Error { case didNotStart }

/// Parses a JSON text into a dictionary or array with Foundation, independently of the library's `JSONValue`.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// Tokens of every kind for one server secret.
struct TokenSet {
    static let secret: [UInt8] = Array("a-test-secret-of-thirty-two-byte".utf8)
    static let otherSecret: [UInt8] = Array("another-secret-thirty-two-bytes!".utf8)

    let read: String
    let write: String
    let sign: String
    let admin: String
    let adminOnly: String
    let wrongSignature: String

    static func make() async throws -> TokenSet {
        TokenSet(
            read: try await LotusLocalToken.issue(permissions: [.read], secret: secret),
            write: try await LotusLocalToken.issue(permissions: [.read, .write], secret: secret),
            sign: try await LotusLocalToken.issue(permissions: [.read, .write, .sign], secret: secret),
            admin: try await LotusLocalToken.issue(permissions: Permission.allCases, secret: secret),
            adminOnly: try await LotusLocalToken.issue(permissions: [.admin], secret: secret),
            wrongSignature: try await LotusLocalToken.issue(permissions: Permission.allCases, secret: otherSecret))
    }
}

/// Tokens known to an in-memory authority, standing in for sophon-auth.
struct MemoryTokenVerifier: TokenVerifier {
    let tokens: @Sendable () -> [String: VerifiedToken]
    func verify(_ token: String) async throws -> VerifiedToken {
        guard let t = tokens()[token] else { throw TokenError.unknown("not in store") }
        return t
    }
}

struct ClosureTokenVerifier: TokenVerifier {
    let body: @Sendable (String) throws -> VerifiedToken
    init(_ body: @escaping @Sendable (String) throws -> VerifiedToken) { self.body = body }
    func verify(_ token: String) async throws -> VerifiedToken { try body(token) }
}

func quietLogger() -> Logger {
    var l = Logger(label: "jsonrpc-test")
    l.logLevel = .critical
    return l
}

