import AsyncHTTPClient
import Foundation
import GoCompat
import Hummingbird
import JSONRPC
import NIOCore
import Testing
import VenusRuntime
import VenusTesting

/// The service skeleton: what every component gets from it without writing it again.
@Suite struct ServiceHostTests {
    static let ping = RPCMethod<NoParams, String>("Test.Ping", .read)
    static let fail = RPCMethod<NoParams, String>("Test.Fail", .read)

    /// A running host with a small RPC API at /rpc/v0; `body` gets its port and tokens.
    struct Running {
        let host: ServiceHost
        let port: Int
        let readToken: String
        let adminToken: String
    }

    static func withHost(
        repo: RepoDirectory? = nil, _ body: (Running) async throws -> Void
    ) async throws {
        let folder = try repo ?? RepoDirectory(path: NSTemporaryDirectory() + "service-host-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let host = try ServiceHost(name: "test-service", repo: folder)
        let secret = Array("a secret of thirty-two bytes ok!".utf8)
        let verifier = try await host.installLocalToken(secret: secret)
        #expect(try await verifier.verify(try host.repo.readToken()).allows(.admin))
        let readToken = try await LotusLocalToken.issue(permissions: Permission.read.withImplied, secret: secret)
        let adminToken = try await LotusLocalToken.issue(permissions: Permission.admin.withImplied, secret: secret)
        let gauge = host.metrics.gauge("test_service_things", help: "Things the test service holds")
        host.metrics.onScrape { gauge.set(Int64(7)) }

        let (ports, continuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                var registry = RPCRegistry()
                registry.register(ping) { _, _ in "pong" }
                registry.register(fail) { _, _ in throw RPCError(code: 7, message: "boom") }
                let router = Router(context: RPCRequestContext.self)
                host.mountRPC(registry, verifier: verifier, on: router, paths: ["/rpc/v0"])
                try await host.run(
                    router: router, listen: HostPort(host: "127.0.0.1", port: 0), metricsVerifier: verifier,
                    onReady: { continuation.yield($0) })
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                Issue.record("the host did not start")
                return
            }
            defer { tasks.cancelAll() }
            try await body(Running(host: host, port: port, readToken: readToken, adminToken: adminToken))
        }
    }

    static func get(_ url: String, token: String? = nil) async throws -> (status: UInt, body: String) {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, String(buffer: body))
    }

    @Test func theAPIFileNamesTheBoundPortWithHTTPOnceItListens() async throws {
        try await Self.withHost { running in
            // Written before onReady: a client reading it can connect at once.
            let api = try running.host.repo.readAPI()
            #expect(api == "/ip4/127.0.0.1/tcp/\(running.port)/http")
            let client = RPCHTTPClient(url: try Endpoint(parsing: api).httpURL(path: "/rpc/v0"), token: running.readToken)
            #expect(try await client.call(Self.ping) == "pong")
        }
    }

    @Test func healthNeedsNoTokenAndMetricsNeedAReadToken() async throws {
        try await Self.withHost { running in
            let base = "http://127.0.0.1:\(running.port)"
            #expect(try await Self.get(base + "/healthcheck").status == 200)
            #expect(try await Self.get(base + "/metrics").status == 401)
            #expect(try await Self.get(base + "/metrics", token: "not.a.token").status == 401)
            let metrics = try await Self.get(base + "/metrics", token: running.readToken)
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("# HELP test_service_things Things the test service holds"), "\(metrics.body)")
            #expect(metrics.body.contains("test_service_things 7"), "\(metrics.body)")
            // The token may come as a query parameter too, as upstream's clients send it.
            #expect(try await Self.get(base + "/metrics?token=\(running.readToken)").status == 200)
        }
    }

    @Test func everyRPCCallIsCountedPerMethodWithItsErrorsAndLatency() async throws {
        try await Self.withHost { running in
            let client = RPCHTTPClient(url: "http://127.0.0.1:\(running.port)/rpc/v0", token: running.readToken)
            for _ in 0..<3 { #expect(try await client.call(Self.ping) == "pong") }
            await #expect(throws: RPCError.self) { try await client.call(Self.fail) }
            // A method nobody registered is counted under one label, whatever its name.
            let unknown = RPCMethod<NoParams, String>("Test.Invented\(UUID().uuidString)", .read)
            await #expect(throws: RPCError.self) { try await client.call(unknown) }
            let text = try await Self.get("http://127.0.0.1:\(running.port)/metrics", token: running.readToken).body
            #expect(text.contains(#"rpc_calls_total{method="Test.Ping"} 3"#), "\(text)")
            #expect(text.contains(#"rpc_errors_total{method="Test.Ping"} 0"#), "\(text)")
            #expect(text.contains(#"rpc_calls_total{method="Test.Fail"} 1"#), "\(text)")
            #expect(text.contains(#"rpc_errors_total{method="Test.Fail"} 1"#), "\(text)")
            #expect(text.contains(#"rpc_calls_total{method="unknown"} 1"#), "\(text)")
            #expect(!text.contains("Test.Invented"), "\(text)")
            #expect(text.contains(#"rpc_call_duration_count{method="Test.Ping"} 3"#), "\(text)")
        }
    }

    @Test func aPortInUseIsAStartupErrorAndNoAPIFileIsWritten() async throws {
        try await Self.withHost { first in
            let folder = try RepoDirectory(path: NSTemporaryDirectory() + "service-host-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(atPath: folder.path) }
            let second = try ServiceHost(name: "second", repo: folder)
            let verifier = await LotusLocalTokenVerifier(secret: Array(repeating: 1, count: 32))
            await #expect(throws: (any Error).self) {
                try await second.run(
                    router: Router(), listen: HostPort(host: "127.0.0.1", port: first.port), metricsVerifier: verifier)
            }
            #expect(throws: RepoError.self) { try folder.readAPI() }
        }
    }

    @Test func anAPIFileThatCannotBeWrittenIsAStartupError() async throws {
        let folder = try RepoDirectory(path: NSTemporaryDirectory() + "service-host-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let host = try ServiceHost(name: "blocked", repo: folder)
        // A folder where the api file should go: the atomic rename onto it fails.
        try FileManager.default.createDirectory(atPath: folder.file(RepoDirectory.apiFileName) + "/x", withIntermediateDirectories: true)
        let verifier = await LotusLocalTokenVerifier(secret: Array(repeating: 1, count: 32))
        await #expect(throws: RepoError.self) {
            try await host.run(router: Router(), listen: HostPort(host: "127.0.0.1", port: 0), metricsVerifier: verifier)
        }
    }
}
