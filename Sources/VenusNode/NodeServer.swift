import Foundation
import GoCompat
import Hummingbird
import HummingbirdWebSocket
import JSONRPC
import VenusAPI
import VenusRuntime

/// The `venus` node's process: its token verifier (the node's own tokens, then sophon-auth's when
/// `[Auth] URL` is set, cached), and the HTTP + WebSocket application serving the full-node API at
/// `/rpc/v0` and `/rpc/v1`, on the service skeleton.
public struct NodeServer: Sendable {
    /// The version `Filecoin.Version` reports for this build.
    public static let version = "1.16.0+swift"

    public let host: ServiceHost
    public let config: NodeConfig
    public let secret: [UInt8]
    /// The largest HTTP request body the API reads (Lotus's `--api-max-req-size`); a bigger one
    /// is answered with a -32700 error and never parsed.
    public var maxRequestSize = RPCServerConfiguration().maxRequestSize

    /// Opens the repo and its config (writing the defaults and a fresh `[JWT] Secret` on first
    /// start).
    public init(host: ServiceHost, config: NodeConfig) throws {
        var config = config
        secret = try config.jwt.ensureSecret()
        try host.saveConfig(config)
        self.host = host
        self.config = config
    }

    /// The verifier of the node's API: its own tokens first (the repo's `token` is one), then
    /// sophon-auth's, each verification cached. The node's own tokens are signed with a secret
    /// fixed while it runs and carry no expiry, so a cached answer stays the true one; caching
    /// spares the HS256 check and JWT parsing on every request.
    func makeVerifier(local: LotusLocalTokenVerifier) throws -> any TokenVerifier {
        let cachedLocal = CachingTokenVerifier(local)
        guard !config.auth.url.isEmpty else { return cachedLocal }
        let client = try SophonAuthClient(address: config.auth.url, token: config.auth.token)
        return FirstSuccessTokenVerifier([cachedLocal, CachingTokenVerifier(SophonAuthTokenVerifier(client: client))])
    }

    /// `Filecoin.Version`, `AuthVerify` and `AuthNew`: what every Lotus API answers.
    func registerCommon(on registry: inout RPCRegistry, apiVersion: UInt32, verifier: LotusLocalTokenVerifier) {
        let answer = APIVersion(
            version: Self.version, apiVersion: apiVersion,
            blockDelay: UInt64(config.network.blockDelay.nanoseconds / 1_000_000_000))
        registry.register(CommonAPI.version) { _, _ in answer }
        registry.register(CommonAPI.authVerify) { _, p in Array(try await verifier.verify(p.p0).permissions).sorted() }
        let secret = secret
        registry.register(CommonAPI.authNew) { _, p in
            Data(try await LotusLocalToken.issue(permissions: p.p0, secret: secret).utf8)
        }
    }

    /// Opens the repo's chain, or starts one from `source` when the repo holds none: the
    /// configured genesis file, else a devnet genesis of the node's own made now.
    public func openChain(source: ChainNode.GenesisSource? = nil) async throws -> ChainNode {
        let source = source ?? (config.network.genesis.isEmpty
            ? .devnet(timestamp: UInt64(Date().timeIntervalSince1970)) : .file(config.network.genesis))
        return try await ChainNode.open(repo: host.repo, network: config.network, source: source)
    }

    /// Serves `chain` on `listen` until SIGINT or SIGTERM; `onReady` gets the bound port once the
    /// `api` file is written.
    public func run(
        chain: ChainNode, listen: HostPort, onReady: @escaping @Sendable (Int) async throws -> Void = { _ in }
    ) async throws {
        let local = try await host.installLocalToken(secret: secret)
        let verifier = try makeVerifier(local: local)
        // Lotus's full-node API versions: v0 1.5.0, v1 2.3.0.
        var v0 = RPCRegistry()
        registerCommon(on: &v0, apiVersion: APIVersion.pack(major: 1, minor: 5, patch: 0), verifier: local)
        FullNodeRPC.registerV0(chain, on: &v0)
        var v1 = RPCRegistry()
        registerCommon(on: &v1, apiVersion: APIVersion.pack(major: 2, minor: 3, patch: 0), verifier: local)
        FullNodeRPC.registerV1(chain, on: &v1)
        var configuration = RPCServerConfiguration()
        configuration.maxRequestSize = maxRequestSize
        let router = Router(context: RPCRequestContext.self)
        host.mountRPC(v0, verifier: verifier, configuration: configuration, on: router, paths: ["/rpc/v0"])
        host.mountRPC(v1, verifier: verifier, configuration: configuration, on: router, paths: ["/rpc/v1"])
        try await host.run(
            router: router, listen: listen,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router, configuration: .init(ws: configuration.webSocketServerConfiguration)),
            metricsVerifier: verifier,
            background: [MessagePoolService(pool: chain.pool)],
            onReady: onReady)
    }
}
