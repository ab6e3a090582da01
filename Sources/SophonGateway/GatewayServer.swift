import GoCompat
import Foundation
import Hummingbird
import HummingbirdWebSocket
import JSONRPC
import Logging
import VenusAPI
import VenusRuntime

/// A sophon-gateway instance: the gateway, its token verifier (sophon-auth, cached), and the
/// HTTP + WebSocket application serving `/rpc/v2` and `/rpc/v1`.
public struct GatewayServer: Sendable {
    public let gateway: Gateway
    public let verifier: CachingTokenVerifier
    /// Drops cached verifications as soon as sophon-auth removes a token or disables a user; run
    /// it beside the application (`changeWatcher.run()`).
    public let changeWatcher: SophonAuthChangeWatcher
    public let configuration: RPCServerConfiguration
    public let logger: Logger

    /// - Parameters:
    ///   - authURL: sophon-auth's address (URL, host:port or multiaddr).
    ///   - authToken: a sophon-auth admin token.
    public init(
        authURL: String, authToken: String, settings: GatewaySettings, logger: Logger = Logger(label: "sophon-gateway")
    ) throws {
        let client = try SophonAuthClient(address: authURL, token: authToken)
        gateway = Gateway(authority: SophonAuthAuthority(client: client), settings: settings, logger: logger)
        verifier = CachingTokenVerifier(SophonAuthTokenVerifier(client: client))
        changeWatcher = SophonAuthChangeWatcher(client: client, cache: verifier)
        var configuration = RPCServerConfiguration()
        // Each provider answers every request it serves on its one connection, and a service may
        // keep thousands of signatures in flight; the per-connection queues bound the rest.
        configuration.maxConcurrentRequestsPerConnection = max(4096, settings.queueSize * 2)
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves the gateway through `host` on `listen` until SIGINT or SIGTERM: `/rpc/v2` and
    /// `/rpc/v1` (HTTP and WebSocket), `/healthcheck`, `/metrics`, with the sophon-auth change
    /// watcher running beside it. `onReady` gets the bound port.
    public func run(
        host: ServiceHost, listen: HostPort, onReady: @escaping @Sendable (Int) async throws -> Void = { _ in }
    ) async throws {
        let router = Router(context: RPCRequestContext.self)
        host.mountRPC(gateway.registry(), verifier: verifier, configuration: configuration, on: router, paths: ["/rpc/v2"])
        host.mountRPC(
            gateway.registry(v1: true), verifier: verifier, configuration: configuration, on: router, paths: ["/rpc/v1"])
        Self.recordConnections(of: gateway, in: host.metrics)
        let watcher = changeWatcher
        try await host.run(
            router: router, listen: listen,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router, configuration: .init(ws: configuration.webSocketServerConfiguration)),
            metricsVerifier: verifier,
            background: [BackgroundService { await watcher.run() }],
            onReady: onReady)
    }

    /// The gateway's own gauges, read from its hubs at each scrape.
    static func recordConnections(of gateway: Gateway, in metrics: ServiceMetrics) {
        let walletConnections = metrics.gauge(
            "sophon_gateway_wallet_connections", help: "Wallet connections joined to the gateway")
        let walletAddresses = metrics.gauge(
            "sophon_gateway_wallet_addresses", help: "Distinct addresses served by the joined wallets")
        let proverMiners = metrics.gauge(
            "sophon_gateway_prover_miners", help: "Miners with at least one prover connected")
        let marketMiners = metrics.gauge(
            "sophon_gateway_market_miners", help: "Miners with at least one market connected")
        metrics.onScrape {
            let wallets = await gateway.wallets.walletInfo()
            let connections = wallets.flatMap(\.connectStates)
            walletConnections.set(Int64(connections.count))
            walletAddresses.set(Int64(Set(connections.flatMap(\.addresses)).count))
            proverMiners.set(Int64(await gateway.proofs.connectedMiners().count))
            marketMiners.set(Int64(await gateway.markets.connectionsState().count))
        }
    }
}
