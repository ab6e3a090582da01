// rpc-bench-server: a trivial JSON-RPC API for load tests (see BENCHMARKS.md, "JSON-RPC").
//
//   rpc-bench-server serve <port> [--no-cache]       serves /rpc/v1; prints "TOKEN <read token>"
//   rpc-bench-server ws-load <url> <token> <clients> <seconds>
//                                                     64 WebSocket clients calling Bench.Ping in a loop
import Foundation
import Hummingbird
import HummingbirdWebSocket
import JSONRPC
import Logging

let ping = RPCMethod<NoParams, String>("Bench.Ping", .read)

func serve(port: Int, cache: Bool) async throws {
    let secret = Array("rpc-bench-secret-32-bytes-long!!".utf8)
    let lotus = await LotusLocalTokenVerifier(secret: secret)
    let verifier: any TokenVerifier = cache ? CachingTokenVerifier(lotus, ttl: .seconds(600)) : lotus
    var registry = RPCRegistry()
    registry.register(ping) { _, _ in "pong" }
    var logger = Logger(label: "rpc-bench")
    logger.logLevel = .error
    let server = RPCServer(registry: registry, verifier: verifier, logger: logger)
    let router = Router(context: BasicWebSocketRequestContext.self)
    server.mount(on: router, path: "/rpc/v1")
    // Written unbuffered: the caller reads it from a redirected stdout while the server runs.
    let token = try await LotusLocalToken.issue(permissions: [.read], secret: secret)
    FileHandle.standardOutput.write(Data("TOKEN \(token)\n".utf8))
    let app = Application(
        router: router,
        server: .http1WebSocketUpgrade(
            webSocketRouter: router, configuration: .init(ws: server.configuration.webSocketServerConfiguration)),
        configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
    try await app.runService()
}

func wsLoad(url: String, token: String, clients: Int, seconds: Int) async throws {
    var configuration = RPCWebSocketClient.Configuration(token: token)
    configuration.reconnect = false
    var connections: [RPCWebSocketClient] = []
    for _ in 0..<clients {
        connections.append(try await RPCWebSocketClient.connect(url: url, configuration: configuration))
    }
    let deadline = ContinuousClock.now + .seconds(seconds)
    let start = ContinuousClock.now
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for client in connections {
            group.addTask {
                var samples: [Duration] = []
                while ContinuousClock.now < deadline {
                    let t0 = ContinuousClock.now
                    _ = try await client.call(ping)
                    samples.append(ContinuousClock.now - t0)
                }
                return samples
            }
        }
        var all: [Duration] = []
        for try await part in group { all.append(contentsOf: part) }
        return all.sorted()
    }
    let elapsed = ContinuousClock.now - start
    for c in connections { c.close() }
    func ms(_ d: Duration) -> String {
        String(format: "%.2f ms", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
    }
    guard !latencies.isEmpty else { return }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Int((Double(latencies.count) / seconds).rounded())
    print("requests: \(latencies.count) in \(String(format: "%.1f", seconds)) s, \(rate) req/s")
    print("p50 \(ms(latencies[latencies.count / 2]))  p99 \(ms(latencies[min(latencies.count - 1, latencies.count * 99 / 100)]))")
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "serve":
    let port = arguments.count > 2 ? Int(arguments[2]) ?? 3460 : 3460
    try await serve(port: port, cache: !arguments.contains("--no-cache"))
case "ws-load" where arguments.count == 6:
    guard let clients = Int(arguments[4]), let seconds = Int(arguments[5]) else {
        print("clients and seconds must be integers")
        exit(2)
    }
    try await wsLoad(url: arguments[2], token: arguments[3], clients: clients, seconds: seconds)
default:
    print("usage: rpc-bench-server serve <port> [--no-cache] | ws-load <url> <token> <clients> <seconds>")
    exit(2)
}
