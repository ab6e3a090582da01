import GoCompat
import Foundation
import Hummingbird
import Logging
import NIOCore
import VenusAPI
import VenusRuntime

/// A sophon-auth instance on its repo: config loaded (defaults written on first start), database
/// opened and migrated, the admin token written to `<repo>/token`.
public struct SophonAuthServer: Sendable {
    /// The environment variable naming the repo.
    public static let environmentKey = "SOPHON_AUTH_PATH"
    /// The repo used when neither `--repo` nor the environment names one.
    public static let defaultRepoPath = "~/.sophon-auth"
    /// The SQLite file used when `DB.DSN` is empty.
    public static let defaultDatabaseName = "sophon-auth.db"

    /// The repo, logger and metrics this server runs on.
    public let host: ServiceHost
    public let config: SophonAuthConfig
    public let service: AuthService
    /// The admin token, also in `<repo>/token`.
    public let adminToken: String
    public var repo: RepoDirectory { host.repo }
    public var logger: Logger { host.logger }

    /// Prepares the repo and database. Throws `RepoError` or `AuthError`.
    public static func open(repo: RepoDirectory, logger: Logger = Logger(label: "sophon-auth")) async throws
        -> SophonAuthServer
    {
        let host = try ServiceHost(name: "sophon-auth", repo: repo, logger: logger)
        let config = try host.loadConfig(SophonAuthConfig())
        guard config.db.type.lowercased() == "sqlite" else {
            throw RepoError.invalidConfig(
                path: repo.file(RepoDirectory.configFileName),
                reason: "DB.Type \(config.db.type) is not supported: use \"sqlite\"")
        }
        let databasePath = try config.db.dsn.isEmpty
            ? repo.file(defaultDatabaseName) : RepoDirectory.expandTilde(config.db.dsn)
        let service = try AuthService(databasePath: databasePath, logger: logger)
        let token = try await service.defaultAdminToken()
        try repo.writeToken(token)
        return SophonAuthServer(host: host, config: config, service: service, adminToken: token)
    }

    /// Serves the REST API on `listen` (default: the config's `Listen`) until SIGINT or SIGTERM,
    /// with `/metrics` for tokens this server verifies. `onReady` gets the bound port once the
    /// `api` file is written.
    public func run(
        listen: HostPort? = nil, onReady: @escaping @Sendable (Int) async throws -> Void = { _ in }
    ) async throws {
        let endpoint = try listen ?? HostPort(parsing: config.listen)
        let idle = config.idleTimeout.nanoseconds > 0 ? TimeAmount.nanoseconds(config.idleTimeout.nanoseconds) : nil
        let service = service
        let users = host.metrics.gauge("sophon_auth_users", help: "Users that are not deleted")
        let tokens = host.metrics.gauge("sophon_auth_tokens", help: "Tokens that are not removed")
        host.metrics.onScrape {
            guard let counts = try? await service.counts() else { return }
            users.set(Int64(counts.users))
            tokens.set(Int64(counts.tokens))
        }
        try await host.run(
            router: AuthRouter.make(service: service, logger: logger), listen: endpoint,
            server: .http1(configuration: .init(idleTimeout: idle)),
            metricsVerifier: AuthServiceTokenVerifier(service: service),
            mountsHealthCheck: false,
            onReady: onReady)
    }

    /// A client for the server running on `repo`: `<repo>/token` and `<repo>/api`, falling back
    /// to the config's `Listen` (upstream's CLI reads only the latter).
    public static func client(repo: RepoDirectory, listen: String? = nil) throws -> SophonAuthClient {
        let token = try repo.readToken()
        let address: String
        if let listen {
            address = listen
        } else if let api = try? repo.readAPI() {
            address = api
        } else {
            address = try ConfigFile.load(SophonAuthConfig.self, from: repo).listen
        }
        return try SophonAuthClient(address: address, token: token)
    }
}
