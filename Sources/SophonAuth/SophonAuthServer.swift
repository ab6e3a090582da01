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

    public let repo: RepoDirectory
    public let config: SophonAuthConfig
    public let service: AuthService
    /// The admin token, also in `<repo>/token`.
    public let adminToken: String
    public let logger: Logger

    /// Prepares the repo and database. Throws `RepoError` or `AuthError`.
    public static func open(repo: RepoDirectory, logger: Logger = Logger(label: "sophon-auth")) async throws
        -> SophonAuthServer
    {
        try repo.create()
        let config = try ConfigFile.loadOrCreate(SophonAuthConfig(), in: repo)
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
        return SophonAuthServer(repo: repo, config: config, service: service, adminToken: token, logger: logger)
    }

    /// The HTTP application on `listen` (default: the config's `Listen`). Once it listens, the
    /// bound address is written to `<repo>/api` as a multiaddr and `onRunning` gets the port.
    public func application(
        listen: HostPort? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let endpoint = try listen ?? HostPort(parsing: config.listen)
        let router = AuthRouter.make(service: service, logger: logger)
        let repo = repo
        let logger = logger
        let idle = config.idleTimeout.nanoseconds > 0 ? TimeAmount.nanoseconds(config.idleTimeout.nanoseconds) : nil
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: idle)),
            configuration: .init(address: .hostname(endpoint.host, port: endpoint.port), serverName: "sophon-auth"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? endpoint.port
                if let bound = try? HostPort(host: endpoint.host, port: port) {
                    do {
                        try repo.writeAPI(bound.multiaddr())
                    } catch {
                        logger.warning("cannot write api file: \(error)")
                    }
                }
                logger.info("sophon-auth listening on \(endpoint.host):\(port)")
                await onRunning(port)
            },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM.
    public func run(listen: HostPort? = nil) async throws {
        try await ServiceRunner.run([try application(listen: listen)], logger: logger)
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
