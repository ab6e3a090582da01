import AsyncHTTPClient
import Foundation
import GoCompat
import JSONRPC
import Testing
import VenusAPI
import VenusNode
import VenusRuntime

/// The node on the service skeleton: repo, config with its secret, `token` and `api` files, the
/// Lotus common methods on both API versions, tokens of the node's own.
@Suite struct NodeServerTests {
    struct Running {
        let repo: RepoDirectory
        let port: Int
        let adminToken: String
    }

    static func withNode(config: NodeConfig = NodeConfig(), _ body: (Running) async throws -> Void) async throws {
        let repo = try RepoDirectory(path: NSTemporaryDirectory() + "venus-node-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let host = try ServiceHost(name: "venus", repo: repo)
        let server = try NodeServer(host: host, config: config)
        let chain = try await server.openChain()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await server.run(chain: chain, listen: HostPort(host: "127.0.0.1", port: 0), onReady: { continuation.yield($0) })
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                Issue.record("the node did not start")
                return
            }
            defer { tasks.cancelAll() }
            try await body(Running(repo: repo, port: port, adminToken: try repo.readToken()))
        }
    }

    @Test func theAPIFileAndTokenLetALotusClientCallBothVersions() async throws {
        var config = NodeConfig()
        config.network.blockDelay = GoDuration(seconds: 2)
        try await Self.withNode(config: config) { node in
            let api = try node.repo.readAPI()
            #expect(api == "/ip4/127.0.0.1/tcp/\(node.port)/http")
            let v1 = RPCHTTPClient(url: try Endpoint(parsing: api).httpURL(path: "/rpc/v1"), token: node.adminToken)
            let version = try await v1.call(CommonAPI.version)
            #expect(version.apiVersion == APIVersion.pack(major: 2, minor: 3, patch: 0))
            #expect(version.blockDelay == 2)
            let v0 = RPCHTTPClient(url: try Endpoint(parsing: api).httpURL(path: "/rpc/v0"), token: node.adminToken)
            #expect(try await v0.call(CommonAPI.version).apiVersion == APIVersion.pack(major: 1, minor: 5, patch: 0))
        }
    }

    @Test func tokensMadeByAuthNewCarryExactlyTheirPermissions() async throws {
        try await Self.withNode { node in
            let admin = RPCHTTPClient(url: "http://127.0.0.1:\(node.port)/rpc/v1", token: node.adminToken)
            #expect(try await admin.call(CommonAPI.authVerify, .init(node.adminToken)) == [.read, .write, .sign, .admin])
            let writeToken = String(decoding: try await admin.call(CommonAPI.authNew, .init([.read, .write])), as: UTF8.self)
            #expect(try await admin.call(CommonAPI.authVerify, .init(writeToken)) == [.read, .write])
            // A write token cannot mint tokens (AuthNew needs admin), and a forged one is refused.
            let writer = RPCHTTPClient(url: "http://127.0.0.1:\(node.port)/rpc/v1", token: writeToken)
            await #expect(throws: (any Error).self) { _ = try await writer.call(CommonAPI.authNew, .init([.admin])) }
            await #expect(throws: (any Error).self) { _ = try await admin.call(CommonAPI.authVerify, .init(writeToken + "x")) }
        }
    }

    @Test func theSecretIsMadeOnceAndKeptAcrossRestarts() async throws {
        let repo = try RepoDirectory(path: NSTemporaryDirectory() + "venus-node-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let first = try NodeServer(host: try ServiceHost(name: "venus", repo: repo), config: NodeConfig())
        let saved = try ConfigFile.load(NodeConfig.self, from: repo)
        let second = try NodeServer(host: try ServiceHost(name: "venus", repo: repo), config: saved)
        #expect(first.secret.count == 32)
        #expect(first.secret == second.secret)
        var broken = NodeConfig()
        broken.jwt.secret = "not hex"
        #expect(throws: RepoError.self) { _ = try NodeServer(host: try ServiceHost(name: "venus", repo: repo), config: broken) }
    }
}
