import GoCompat
import ArgumentParser
import Foundation
import Hummingbird
import JSONRPC
import Logging
import VenusRuntime
import VenusWallet

/// `venus-wallet run`: serves the wallet API on `[API] ListenAddress` at `/rpc/v0`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Serve the wallet API (JSON-RPC at /rpc/v0).")

    @Option(name: .long, help: "The repo folder (default $VENUS_WALLET_PATH or ~/.venus_wallet).")
    var repo: String?

    @Option(name: .long, help: "Set the password of a new repo, or unlock an existing one, at start.")
    var password: String?

    @Option(name: .long, help: "Override [API] ListenAddress (multiaddr or host:port).")
    var listen: String?

    @Option(name: .customLong("gateway-api"), help: "A sophon-gateway to join (repeatable; replaces [APIRegisterHub] RegisterAPI).")
    var gatewayAPI: [String] = []

    @Option(name: .customLong("gateway-token"), help: "The sophon-auth token to join gateways with ([APIRegisterHub] Token).")
    var gatewayToken: String?

    @Option(name: .customLong("support-accounts"), help: "An extra account this wallet serves (repeatable; [APIRegisterHub] SupportAccounts).")
    var supportAccounts: [String] = []

    func run() async throws {
        // Once, at start: a peer or sign filter closing a pipe early must be an EPIPE error,
        // not a signal that ends the daemon.
        signal(SIGPIPE, SIG_IGN)
        VenusLogging.bootstrap(level: .info)
        let logger = Logger(label: "venus-wallet")
        let walletRepo = WalletRepo(path: repo)
        let store = try walletRepo.openStore()
        let directory = try RepoDirectory(path: walletRepo.folder.path)
        var config = try ConfigFile.loadOrCreate(WalletConfig(), in: directory)
        let secret = try config.ensureSecret()
        try ConfigFile.save(config, to: directory)

        let wallet = Wallet(store: store, configuration: try config.walletConfiguration())
        if let password {
            if try await store.passwordCheck() == nil {
                try await wallet.setPassword(password)
            } else {
                try await wallet.unlock(password)
            }
        }
        let token = try await LotusLocalToken.issue(permissions: Permission.admin.withImplied, secret: secret)
        try directory.writeToken(token)

        let server = RPCServer(
            registry: await WalletRPC.registry(wallet: wallet, secret: secret),
            verifier: await LotusLocalTokenVerifier(secret: secret), logger: logger)
        let router = Router()
        server.mountHTTP(on: router, path: "/rpc/v0")
        let address = listen ?? config.api.listenAddress
        let endpoint = try HostPort(listenAddress: address)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(endpoint.host, port: endpoint.port), serverName: "venus-wallet"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? endpoint.port
                if let bound = try? HostPort(host: endpoint.host, port: port) {
                    try? directory.writeAPI(bound.multiaddr())
                }
                logger.info("venus-wallet listening on \(endpoint.host):\(port)")
            },
            logger: logger)
        // Old sign records are pruned hourly, as upstream does.
        let pruner = Task {
            while !Task.isCancelled {
                _ = try? await wallet.pruneSignRecords()
                try await Task.sleep(for: .seconds(3600))
            }
        }
        defer { pruner.cancel() }
        var hub = config.apiRegisterHub
        if !gatewayAPI.isEmpty { hub.registerAPI = gatewayAPI }
        if let gatewayToken { hub.token = gatewayToken }
        if !supportAccounts.isEmpty { hub.supportAccounts = supportAccounts }
        let gateways = Task { [hub] in
            guard !hub.registerAPI.isEmpty else { return }
            logger.info("joining gateway(s) \(hub.registerAPI)")
            await GatewayClient(wallet: wallet, config: hub).run()
        }
        defer { gateways.cancel() }
        try await ServiceRunner.run([app], logger: logger)
    }
}
