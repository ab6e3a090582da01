import Foundation
import GoCompat
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import JSONRPC
import Logging
import NIOCore
import ServiceLifecycle

/// The skeleton every Venus service process stands on: its repo folder, `config.toml`, `token`
/// and `api` files, an HTTP server with `/healthcheck` and `/metrics` beside the service's own
/// routes, and every long-lived part in one `ServiceGroup` that stops gracefully on SIGINT or
/// SIGTERM.
///
/// A component brings only its routes (usually RPC registries, `mountRPC`) and its background
/// services; the executable parses its arguments, builds the component and calls `run`.
///
/// Invariants: the repo folder exists (mode 0700) once a host is made; the `api` file is written
/// only after the listening socket is bound, so a client that reads it can connect; a failure
/// to bind or to write it ends `run` with that error (startup errors are fatal, never logged and
/// ignored).
public struct ServiceHost: Sendable {
    /// The service's name, as in logs and the server header (`sophon-gateway`).
    public let name: String
    public let repo: RepoDirectory
    public let logger: Logger
    public let metrics: ServiceMetrics

    /// Opens (creating if needed) the repo folder.
    public init(name: String, repo: RepoDirectory, logger: Logger? = nil) throws(RepoError) {
        try repo.create()
        self.name = name
        self.repo = repo
        self.logger = logger ?? Logger(label: name)
        self.metrics = ServiceMetrics()
    }

    /// `<repo>/config.toml`, written with `defaults` on first start.
    public func loadConfig<C: Codable>(_ defaults: C) throws(RepoError) -> C {
        try ConfigFile.loadOrCreate(defaults, in: repo)
    }

    /// Saves `config` to `<repo>/config.toml` (flags that persist, as upstream's do).
    public func saveConfig<C: Encodable>(_ config: C) throws(RepoError) {
        try ConfigFile.save(config, to: repo)
    }

    /// Issues the Lotus-style local admin token (HS256 over `secret`, every permission), writes
    /// it to `<repo>/token` for the service's own CLI, and returns the verifier that accepts it.
    public func installLocalToken(secret: [UInt8]) async throws -> LotusLocalTokenVerifier {
        try repo.writeToken(try await LotusLocalToken.issue(permissions: Permission.admin.withImplied, secret: secret))
        return await LotusLocalTokenVerifier(secret: secret)
    }

    /// Mounts `registry` at each of `paths` (HTTP POST and, when the router's context supports
    /// it, WebSocket), with this service's metrics recording every call.
    public func mountRPC<Context: WebSocketRequestContext>(
        _ registry: RPCRegistry, verifier: any TokenVerifier, configuration: RPCServerConfiguration = .init(),
        on router: Router<Context>, paths: [RouterPath]
    ) {
        let server = RPCServer(
            registry: registry, verifier: verifier, configuration: measured(configuration), logger: logger)
        for path in paths { server.mount(on: router, path: path) }
    }

    /// Mounts `registry` at each of `paths` for HTTP POST only (no channels).
    public func mountRPCOverHTTP<Context: RequestContext>(
        _ registry: RPCRegistry, verifier: any TokenVerifier, configuration: RPCServerConfiguration = .init(),
        on router: Router<Context>, paths: [RouterPath]
    ) {
        let server = RPCServer(
            registry: registry, verifier: verifier, configuration: measured(configuration), logger: logger)
        for path in paths { server.mountHTTP(on: router, path: path) }
    }

    /// `configuration` recording into this service's metrics.
    private func measured(_ configuration: RPCServerConfiguration) -> RPCServerConfiguration {
        var configuration = configuration
        configuration.metricsFactory = metrics.factory
        return configuration
    }

    /// Serves `router` on `listen` with `server` (plain HTTP/1 unless told otherwise) until SIGINT
    /// or SIGTERM, beside `background`.
    ///
    /// `/healthcheck` answers without a token (unless `mountsHealthCheck` is false: the service
    /// has its own, as sophon-auth's upstream JSON one); `/metrics` needs a token `metricsVerifier` accepts
    /// with `read` permission (as a bearer header or `?token=`). Once the socket is bound, the
    /// `api` file gets the bound address as a multiaddr with `/http`, as Lotus writes it, then
    /// `onReady` gets the port.
    public func run<Context: RequestContext>(
        router: Router<Context>,
        listen: HostPort,
        server: HTTPServerBuilder = .http1(),
        metricsVerifier: any TokenVerifier,
        mountsHealthCheck: Bool = true,
        background: [any Service] = [],
        onReady: @escaping @Sendable (Int) async throws -> Void = { _ in }
    ) async throws where Context.Source == ApplicationRequestContextSource {
        if mountsHealthCheck { RPCServer.mountHealthCheck(on: router) }
        mountMetrics(on: router, verifier: metricsVerifier)
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        let name = name
        let logger = logger
        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: name),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? listen.port)
                boundContinuation.finish()
            },
            logger: logger)
        let startup = StartupService(host: self, listen: listen, bound: bound, onReady: onReady)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app), .init(service: startup)] + background.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }

    /// `GET /metrics`: the Prometheus text format, for a token with `read` permission.
    func mountMetrics<Context: RequestContext>(on router: Router<Context>, verifier: any TokenVerifier) {
        let metrics = metrics
        router.get("/metrics") { request, _ -> Response in
            var header = request.headers[.authorization] ?? ""
            if header.isEmpty, let token = request.uri.queryParameters.get("token") { header = "Bearer " + token }
            guard header.hasPrefix("Bearer "),
                let token = try? await verifier.verify(String(header.dropFirst("Bearer ".count))),
                token.allows(.read)
            else { return Response(status: .unauthorized) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: await metrics.render())))
        }
    }
}

/// Waits for the server to bind, then writes the `api` file and calls the service's `onReady`;
/// any failure there ends the whole group with that error. It then stays until shutdown (a
/// service that returns would end the group).
struct StartupService: Service {
    let host: ServiceHost
    let listen: HostPort
    let bound: AsyncStream<Int>
    let onReady: @Sendable (Int) async throws -> Void

    func run() async throws {
        var ports = bound.makeAsyncIterator()
        guard let port = await ports.next() else { return }
        let address = try HostPort(host: listen.host, port: port)
        try host.repo.writeAPI(address.multiaddr())
        host.logger.info("\(host.name) listening on \(address)")
        try await onReady(port)
        try await gracefulShutdown()
    }
}
