#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GoCompat
import VenusPool
import VenusRuntime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A built service executable (`venus daemon`, `venus-wallet run`, ...) running on a repo folder
/// for a test: started, known to be up once it has written its `api` file, then stopped with
/// SIGTERM or killed with SIGKILL, and started again on the same repo with the same arguments.
///
/// Invariant: `port` and `token` are the ones this run wrote. A stale `api` file from an earlier
/// run (a killed process never removes it) is deleted before each start, so a restart is never
/// mistaken as up because of the last run's file.
public final class ServiceProcess: Sendable {
    /// The executable's name in the build folder.
    public let name: String
    public let arguments: [String]
    public let repo: RepoDirectory
    /// The running (or exited) process; its output is in `process.logPath`.
    public let process: ChildProcess
    /// The port from the `api` file.
    public let port: Int
    /// The repo's `token` (the service's local admin token).
    public let token: String

    private init(name: String, arguments: [String], repo: RepoDirectory, process: ChildProcess, port: Int, token: String) {
        self.name = name
        self.arguments = arguments
        self.repo = repo
        self.process = process
        self.port = port
        self.token = token
    }

    /// Starts the built executable `name` with `arguments` (which should name `repo` and a listen
    /// address, usually port 0) and returns once its `api` file names a bound port and its
    /// `token` is there. Throws with the log's tail if it exits first or is not up within `limit`.
    public static func start(
        _ name: String, arguments: [String], repo: URL, limit: Duration = .seconds(180)
    ) async throws -> ServiceProcess {
        guard let executable = BuiltExecutable.url(name) else { throw LocalPoolError.missingExecutable(name) }
        let directory = try RepoDirectory(path: repo.path)
        try? FileManager.default.removeItem(atPath: directory.file(RepoDirectory.apiFileName))
        // The log sits beside the repo, so a test's repo holds only what the service wrote.
        let log = repo.path + "-\(name)-\(UUID().uuidString.prefix(8)).log"
        let child = try ChildProcess(name: name, executable: executable.path, arguments: arguments, logPath: log)
        do {
            // Waits on the file, not on time: `limit` is only the outer bound for a broken build.
            let deadline = ContinuousClock.now + limit
            var port = 0
            while port == 0 {
                if let api = try? directory.readAPI(), let parsed = try? HostPort.parse(multiaddr: api) {
                    port = parsed.0.port
                    if port != 0 { break }
                }
                guard child.isRunning else { throw LocalPoolError.notReady(name, log: "exited with \(child.exitStatus)") }
                guard ContinuousClock.now < deadline else {
                    throw LocalPoolError.notReady(name, log: "no api file within \(limit)")
                }
                try await Task.sleep(for: .milliseconds(25))
            }
            let token = try directory.readToken().trimmingCharacters(in: .whitespacesAndNewlines)
            return ServiceProcess(name: name, arguments: arguments, repo: directory, process: child, port: port, token: token)
        } catch {
            await child.stop(grace: .seconds(2))
            throw LocalPoolError.notReady(name, log: "\(error)\n" + child.logTail(lines: 40))
        }
    }

    /// Starts the same executable again with the same arguments on the same repo (once this run
    /// has exited: call `stop()` or `kill()` first).
    public func restart(limit: Duration = .seconds(180)) async throws -> ServiceProcess {
        try await Self.start(name, arguments: arguments, repo: URL(fileURLWithPath: repo.path), limit: limit)
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)") ?? URL(fileURLWithPath: "/")
    }

    /// SIGTERM, then SIGKILL if it has not exited within `grace`; returns once it has exited.
    public func stop(grace: Duration = .seconds(30)) async {
        await process.stop(grace: grace)
    }

    /// SIGKILL, as a crash or a power cut would end it; returns once it has exited.
    public func kill() async {
        process.signal(SIGKILL)
        _ = await process.waitForExit(within: .seconds(30))
    }

    /// A POST of `body` to `path` with `token` (none when nil) as a bearer token: the HTTP status
    /// and the response's bytes.
    public func post(_ path: String, body: Data, token: String?) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The credentials a call presents.
    public enum Bearer: Sendable {
        /// The repo's local admin token.
        case admin
        /// No `Authorization` header.
        case none
        case token(String)
    }

    /// A JSON-RPC call of `method` (`Filecoin.` is prepended when it has no namespace) with
    /// positional `params`: the HTTP status and the response object (empty when the body is not one).
    public func call(
        _ method: String, _ params: [Any] = [], path: String = "/rpc/v1", bearer: Bearer = .admin
    ) async throws -> (status: Int, body: [String: Any]) {
        let body = try JSONSerialization.data(withJSONObject: [
            "jsonrpc": "2.0", "id": 1, "method": method.contains(".") ? method : "Filecoin." + method, "params": params,
        ])
        let token: String?
        switch bearer {
        case .admin: token = self.token
        case .none: token = nil
        case .token(let given): token = given
        }
        let (status, data) = try await post(path, body: body, token: token)
        return (status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    /// The JSON-RPC error of a call's response, or nil when it has none.
    public static func error(of body: [String: Any]) -> (code: Int, message: String)? {
        guard let error = body["error"] as? [String: Any], let code = error["code"] as? Int else { return nil }
        return (code, error["message"] as? String ?? "")
    }

    deinit {
        // A test that failed before stopping its service must not leave it running.
        process.signal(SIGKILL)
    }
}
