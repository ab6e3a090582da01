import GoCompat
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import VenusAPI
import VenusRuntime

@testable import SophonAuth

/// A sophon-auth server running in-process on an ephemeral loopback port with a fresh temp
/// repo, plus the two ways tests talk to it: the typed client and the CLI commands' code.
struct AuthFixture: Sendable {
    let repo: RepoDirectory
    let server: SophonAuthServer
    let port: Int

    /// The admin client, as the CLI builds it from `<repo>/token` and `<repo>/api`.
    var admin: SophonAuthClient { get throws { try SophonAuthServer.client(repo: repo) } }

    func client(token: String?) throws -> SophonAuthClient {
        try SophonAuthClient(address: "127.0.0.1:\(port)", token: token)
    }

    struct NotAClientCommand: Error {}

    /// Parses `arguments` as the `sophon-auth` command line (with `--repo <temp repo>`) and runs
    /// the command against the server, returning what it prints.
    func cli(_ arguments: [String]) async throws -> String {
        let command = try SophonAuthCLI.parseAsRoot(arguments + ["--repo", repo.path])
        guard let clientCommand = command as? any ClientCommand else { throw NotAClientCommand() }
        return try await clientCommand.execute(with: clientCommand.options.client())
    }

    /// The token printed by `token gen`.
    func generateToken(user: String, perm: String) async throws -> String {
        let output = try await cli(["token", "gen", "--perm", perm, user])
        let prefix = "generate token success: "
        guard output.hasPrefix(prefix) else { throw RawError(message: "unexpected output \(output)") }
        return String(output.dropFirst(prefix.count))
    }

    struct RawError: Error { var message: String }

    /// A raw HTTP call, for wire-level checks the typed client hides.
    func raw(
        _ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String = "application/json",
        token: String? = nil, authorization: String? = nil
    ) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let authorization {
            request.headers.add(name: "Authorization", value: authorization)
        } else if let token {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Data(buffer.readableBytesView))
    }

    static func temporaryRepoPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sophon-auth-test-\(UUID().uuidString)").path
    }

    /// Runs `body` against a fresh server, then shuts it down and removes the repo.
    static func with<T: Sendable>(repoPath: String? = nil, _ body: (AuthFixture) async throws -> T) async throws -> T {
        let path = repoPath ?? temporaryRepoPath()
        defer { if repoPath == nil { try? FileManager.default.removeItem(atPath: path) } }
        var logger = Logger(label: "sophon-auth-test")
        logger.logLevel = .critical
        let repo = try RepoDirectory(path: path)
        let server = try await SophonAuthServer.open(repo: repo, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                // A server that fails to start ends the stream, so the wait below ends too.
                defer { continuation.finish() }
                try await server.run(listen: HostPort(host: "127.0.0.1", port: 0)) { port in continuation.yield(port) }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                throw RawError(message: "server did not start")
            }
            let fixture = AuthFixture(repo: repo, server: server, port: port)
            defer { tasks.cancelAll() }
            return try await body(fixture)
        }
    }
}
