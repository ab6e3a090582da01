import Foundation
import GoCompat
import Hummingbird
import JSONRPC
import Logging
import ServiceLifecycle
import VenusRuntime

/// `venus-wallet run` on the service skeleton: the wallet API at `/rpc/v0` (HTTP), the local
/// admin token, hourly pruning of sign records, and the gateway client joining every
/// `[APIRegisterHub]` gateway.
///
/// The repo (upstream's layout) is `--repo`, else `$VENUS_WALLET_PATH`, else `~/.venus_wallet`:
/// `config.toml`, `keystore.sqlit`, `token`, `api`.
public struct WalletService: Sendable {
    public static let environmentKey = "VENUS_WALLET_PATH"
    public static let defaultRepoPath = "~/.venus_wallet"
    public static let databaseName = "keystore.sqlit"

    /// What the command line may override.
    public struct Options: Sendable {
        /// Sets the password of a new repo, or unlocks an existing one, at start.
        public var password: String?
        /// Replaces `[API] ListenAddress` (multiaddr or host:port).
        public var listen: String?
        /// Replace `[APIRegisterHub]` RegisterAPI, Token, SupportAccounts when given.
        public var gatewayAPI: [String] = []
        public var gatewayToken: String?
        public var supportAccounts: [String] = []

        public init() {}
    }

    /// The repo chosen by `path`, then the environment, then the default.
    public static func repo(path: String?) throws(RepoError) -> RepoDirectory {
        try RepoDirectory(explicit: path, environmentKey: environmentKey, defaultPath: defaultRepoPath)
    }

    /// Creates the repo folder (mode 0700: it holds the keystore and the API token) and opens
    /// its keystore.
    public static func openStore(in repo: RepoDirectory) throws -> KeyStore {
        try repo.create()
        return try KeyStore(path: repo.file(databaseName))
    }

    public let host: ServiceHost
    public let options: Options

    public init(repo: RepoDirectory, options: Options, logger: Logger = Logger(label: "venus-wallet")) throws {
        host = try ServiceHost(name: "venus-wallet", repo: repo, logger: logger)
        self.options = options
    }

    /// Serves until SIGINT or SIGTERM; `onReady` gets the bound port once the `api` file is written.
    public func run(onReady: @escaping @Sendable (Int) async throws -> Void = { _ in }) async throws {
        let store = try Self.openStore(in: host.repo)
        var config = try host.loadConfig(WalletConfig())
        let secret = try config.jwt.ensureSecret()
        try host.saveConfig(config)

        let wallet = Wallet(store: store, configuration: try config.walletConfiguration())
        if let password = options.password {
            if try await store.passwordCheck() == nil {
                try await wallet.setPassword(password)
            } else {
                try await wallet.unlock(password)
            }
        }
        let verifier = try await host.installLocalToken(secret: secret)
        let router = Router()
        host.mountRPCOverHTTP(
            await WalletRPC.registry(wallet: wallet, secret: secret), verifier: verifier, on: router, paths: ["/rpc/v0"])
        Self.recordKeys(of: wallet, in: host.metrics)

        var hub = config.apiRegisterHub
        if !options.gatewayAPI.isEmpty { hub.registerAPI = options.gatewayAPI }
        if let token = options.gatewayToken { hub.token = token }
        if !options.supportAccounts.isEmpty { hub.supportAccounts = options.supportAccounts }
        var background: [any Service] = [
            // Old sign records are pruned hourly, as upstream does.
            BackgroundService {
                while !Task.isCancelled {
                    _ = try? await wallet.pruneSignRecords()
                    try? await Task.sleep(for: .seconds(3600))
                }
            }
        ]
        if !hub.registerAPI.isEmpty {
            let logger = host.logger
            background.append(
                BackgroundService { [hub] in
                    logger.info("joining gateway(s) \(hub.registerAPI)")
                    await GatewayClient(wallet: wallet, config: hub).run()
                })
        }
        try await host.run(
            router: router, listen: HostPort(listenAddress: options.listen ?? config.api.listenAddress),
            metricsVerifier: verifier, background: background, onReady: onReady)
    }

    /// The wallet's own gauges, read at each scrape.
    static func recordKeys(of wallet: Wallet, in metrics: ServiceMetrics) {
        let keys = metrics.gauge("venus_wallet_keys", help: "Keys in the keystore")
        let locked = metrics.gauge("venus_wallet_locked", help: "1 while the wallet is locked")
        metrics.onScrape {
            if let count = try? await wallet.list().count { keys.set(Int64(count)) }
            locked.set(Int64(await wallet.isLocked ? 1 : 0))
        }
    }
}
