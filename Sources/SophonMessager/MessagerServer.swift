import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat
import Hummingbird
import HummingbirdWebSocket
import JSONRPC
import Logging
import VenusAPI
import VenusRuntime

/// A sophon-messager process on the service skeleton: the repo's database, the node it follows,
/// the gateway it signs through, the `Message.*` API at `/rpc/v0` (HTTP and WebSocket) behind
/// the messager's own tokens and sophon-auth's, and the chain follower in the background.
public struct MessagerServer: Sendable {
    /// What `Message.Version` reports.
    public static let version = "1.16.0+swift"

    public let host: ServiceHost
    public let config: MessagerConfig
    public let store: SQLiteMessagerStore
    public let service: MessageService
    let chain: RPCMessagerChain
    let signer: GatewayMessageSigner
    let secret: [UInt8]

    /// Opens the repo's database and the connections the config names (nothing is dialled yet).
    public init(host: ServiceHost, config: MessagerConfig) throws {
        var config = config
        secret = try config.jwt.ensureSecret()
        try host.saveConfig(config)
        guard config.db.type == "sqlite" else {
            throw MessagerError.storage("database type \(config.db.type): only sqlite is available (the server database comes with HA)")
        }
        let path = config.db.sqlitePath.hasPrefix("/") ? config.db.sqlitePath : host.repo.path + "/" + config.db.sqlitePath
        store = try SQLiteMessagerStore(path: path)
        chain = try RPCMessagerChain(endpoint: config.node.url, token: config.node.token)
        signer = try GatewayMessageSigner(endpoint: config.gateway.url, token: config.gateway.token)
        var settings = MessageService.Settings()
        settings.defaultSelectMsgNum = config.messageService.defaultSelectMsgNum
        settings.rescueEnabled = config.rescue.enabled
        settings.stuckEpochs = config.rescue.stuckEpochs
        settings.feeRaise = config.rescue.feeRaise
        do {
            settings.windowPoStMaxFee = try TokenAmount(parsing: config.rescue.windowPoStMaxFee)
        } catch {
            throw MessagerError.invalidMessage("[Rescue] WindowPoStMaxFee \"\(config.rescue.windowPoStMaxFee)\": \(error)")
        }
        service = MessageService(store: store, chain: chain, signer: signer, settings: settings, logger: host.logger)
        self.host = host
        self.config = config
    }

    /// Serves until SIGINT or SIGTERM; `onReady` gets the bound port once the `api` file is written.
    public func run(listen: HostPort, onReady: @escaping @Sendable (Int) async throws -> Void = { _ in }) async throws {
        let local = try await host.installLocalToken(secret: secret)
        var verifier: any TokenVerifier = local
        var authClient: SophonAuthClient?
        if !config.auth.url.isEmpty {
            let client = try SophonAuthClient(address: config.auth.url, token: config.auth.token)
            authClient = client
            verifier = FirstSuccessTokenVerifier([local, CachingTokenVerifier(SophonAuthTokenVerifier(client: client))])
        }
        try await service.reloadNodes()
        let rpc = MessagerRPC(
            service: service, store: store, authorizer: AddressAuthorizer(client: authClient), chain: chain,
            wallets: signer, version: VenusVersion(version: Self.version, apiVersion: APIVersion.pack(major: 1, minor: 0, patch: 0)))
        let configuration = RPCServerConfiguration()
        let router = Router(context: RPCRequestContext.self)
        host.mountRPC(rpc.registry(), verifier: verifier, configuration: configuration, on: router, paths: ["/rpc/v0"])
        let follower = ChainFollower(
            service: service, chain: chain, store: store,
            settle: .nanoseconds(config.messageService.waitingChainHeadStableDuration.nanoseconds), logger: host.logger)
        try await host.run(
            router: router, listen: listen,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router, configuration: .init(ws: configuration.webSocketServerConfiguration)),
            metricsVerifier: verifier,
            background: [BackgroundService { await follower.run() }],
            onReady: onReady)
    }
}
