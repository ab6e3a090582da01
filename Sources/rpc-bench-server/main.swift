// rpc-bench-server: a trivial JSON-RPC API for load tests (see BENCHMARKS.md, "JSON-RPC").
//
//   rpc-bench-server serve <port> [--no-cache] [--metrics]
//                                                     serves /rpc/v1 and the bare baseline /bare
//                                                     (--metrics: per-method Prometheus metrics on, as
//                                                     every service records them);
//                                                     prints "TOKEN <read token>"
//   rpc-bench-server ws-load <url> <token> <clients> <seconds>
//                                                     typed RPCWebSocketClients calling Bench.Ping in a loop
//   rpc-bench-server ws-raw <url> <token> <clients> <seconds>
//                                                     raw WebSocket clients sending the Ping request bytes,
//                                                     one in flight per connection (the wrk of WebSocket)
//   rpc-bench-server bare <port> <path>=<file>...
//                                                     a bare Hummingbird server answering every POST to
//                                                     <path> with <file>'s bytes (the baseline of
//                                                     scripts/node-bench.sh: responses captured from a node)
//
// `/bare` is the baseline the JSON-RPC layer is measured against: a plain Hummingbird route (HTTP POST)
// and WebSocket route answering exactly the bytes `Bench.Ping` answers, with no JSON-RPC work at all.
import Foundation
import Hummingbird
import HummingbirdWSClient
import HummingbirdWebSocket
import JSONRPC
import Logging
import Synchronization
import VenusRuntime

let ping = RPCMethod<NoParams, String>("Bench.Ping", .read)
/// What the load clients send (the same as scripts/rpc-bench-ping.lua).
let pingRequest = #"{"jsonrpc":"2.0","id":1,"method":"Bench.Ping","params":[]}"#
/// What `/rpc/v1` answers to `pingRequest`, and what `/bare` answers to anything.
let pingResponse = #"{"jsonrpc":"2.0","id":1,"result":"pong"}"#

func serve(port: Int, cache: Bool, metrics: Bool) async throws {
    let secret = Array("rpc-bench-secret-32-bytes-long!!".utf8)
    let lotus = await LotusLocalTokenVerifier(secret: secret)
    let verifier: any TokenVerifier = cache ? CachingTokenVerifier(lotus, ttl: .seconds(600)) : lotus
    var registry = RPCRegistry()
    registry.register(ping) { _, _ in "pong" }
    var logger = Logger(label: "rpc-bench")
    logger.logLevel = .error
    var configuration = RPCServerConfiguration()
    if metrics { configuration.metricsFactory = ServiceMetrics().factory }
    let server = RPCServer(registry: registry, verifier: verifier, configuration: configuration, logger: logger)
    let router = Router(context: BasicWebSocketRequestContext.self)
    server.mount(on: router, path: "/rpc/v1")
    mountBare(on: router)
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

/// The baseline: Hummingbird alone, answering the Ping response's bytes (HTTP POST and WebSocket).
func mountBare(on router: Router<BasicWebSocketRequestContext>) {
    let bytes = ByteBuffer(string: pingResponse)
    router.post("/bare") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: bytes))
    }
    router.ws("/bare") { inbound, outbound, _ in
        for try await _ in inbound.messages(maxSize: 1 << 20) {
            try await outbound.writeTextMessage(pingResponse)
        }
    }
}

/// The baseline of scripts/node-bench.sh: Hummingbird alone, each route answering the bytes of one file
/// (a response captured from the real node), read once at start; the request body is not read.
func serveBare(port: Int, routes: [(path: String, file: String)]) async throws {
    var logger = Logger(label: "rpc-bench-bare")
    logger.logLevel = .error
    let router = Router()
    for (path, file) in routes {
        let bytes = ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: file)))
        router.post(RouterPath(path)) { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: bytes))
        }
    }
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
    try await app.runService()
}

/// Prints the rate and the latency percentiles in the form scripts/rpc-bench.sh reads.
func report(_ samples: [Duration], elapsed: Duration) {
    let latencies = samples.sorted()
    guard !latencies.isEmpty else {
        print("no requests completed")
        return
    }
    func ms(_ d: Duration) -> String {
        String(format: "%.2f ms", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Int((Double(latencies.count) / seconds).rounded())
    print("requests: \(latencies.count) in \(String(format: "%.1f", seconds)) s, \(rate) req/s")
    print("p50 \(ms(latencies[latencies.count / 2]))  p99 \(ms(latencies[min(latencies.count - 1, latencies.count * 99 / 100)]))")
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
        return all
    }
    let elapsed = ContinuousClock.now - start
    for c in connections { c.close() }
    report(latencies, elapsed: elapsed)
}

/// Raw clients: each connection sends `pingRequest` and waits for the answer, in a loop, without
/// parsing it, so the JSON-RPC route and `/bare` are loaded by exactly the same client work.
func wsRaw(url: String, token: String, clients: Int, seconds: Int) async throws {
    var headers = WebSocketClientConfiguration(maxFrameSize: 1 << 20)
    headers.additionalHeaders[.authorization] = "Bearer \(token)"
    let configuration = headers
    let logger = Logger(label: "rpc-bench-client")
    let start = ContinuousClock.now
    let deadline = start + .seconds(seconds)
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for _ in 0..<clients {
            group.addTask {
                let samples = SampleBox()
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
                    inbound, outbound, _ in
                    var answers = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    var local: [Duration] = []
                    while ContinuousClock.now < deadline {
                        let t0 = ContinuousClock.now
                        try await outbound.writeTextMessage(pingRequest)
                        guard try await answers.next() != nil else { break }
                        local.append(ContinuousClock.now - t0)
                    }
                    samples.set(local)
                    try await outbound.close(.normalClosure, reason: nil)
                }
                return samples.get()
            }
        }
        var all: [Duration] = []
        for try await part in group { all.append(contentsOf: part) }
        return all
    }
    report(latencies, elapsed: ContinuousClock.now - start)
}

/// Hands a connection handler's samples back to the task that opened the connection.
final class SampleBox: Sendable {
    private let samples = Mutex<[Duration]>([])
    func set(_ s: [Duration]) { samples.withLock { $0 = s } }
    func get() -> [Duration] { samples.withLock { $0 } }
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "serve":
    let port = arguments.count > 2 ? Int(arguments[2]) ?? 3460 : 3460
    try await serve(port: port, cache: !arguments.contains("--no-cache"), metrics: arguments.contains("--metrics"))
case "bare" where arguments.count > 3:
    let routes = arguments.dropFirst(3).map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
    guard let port = Int(arguments[2]), routes.allSatisfy({ $0.count == 2 }) else {
        print("usage: rpc-bench-server bare <port> <path>=<file>...")
        exit(2)
    }
    try await serveBare(port: port, routes: routes.map { ($0[0], $0[1]) })
case let mode? where (mode == "ws-load" || mode == "ws-raw") && arguments.count == 6:
    guard let clients = Int(arguments[4]), let seconds = Int(arguments[5]) else {
        print("clients and seconds must be integers")
        exit(2)
    }
    if mode == "ws-load" {
        try await wsLoad(url: arguments[2], token: arguments[3], clients: clients, seconds: seconds)
    } else {
        try await wsRaw(url: arguments[2], token: arguments[3], clients: clients, seconds: seconds)
    }
default:
    print(
        "usage: rpc-bench-server serve <port> [--no-cache] [--metrics] | ws-load|ws-raw <url> <token> <clients> <seconds>"
            + " | bare <port> <path>=<file>...")
    exit(2)
}
