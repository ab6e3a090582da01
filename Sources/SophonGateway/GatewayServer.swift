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

    /// The application listening on `endpoint`; `onRunning` gets the bound port.
    public func application(
        endpoint: HostPort, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: RPCRequestContext.self)
        RPCServer(registry: gateway.registry(), verifier: verifier, configuration: configuration, logger: logger)
            .mount(on: router, path: "/rpc/v2")
        RPCServer(registry: gateway.registry(v1: true), verifier: verifier, configuration: configuration, logger: logger)
            .mount(on: router, path: "/rpc/v1")
        RPCServer.mountHealthCheck(on: router)
        let logger = logger
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router, configuration: .init(ws: configuration.webSocketServerConfiguration)),
            configuration: .init(address: .hostname(endpoint.host, port: endpoint.port), serverName: "sophon-gateway"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? endpoint.port
                logger.info("sophon-gateway listening on \(endpoint.host):\(port)")
                await onRunning(port)
            },
            logger: logger)
    }
}
