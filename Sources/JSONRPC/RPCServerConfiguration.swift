import CoreMetrics
import HummingbirdWebSocket

/// Limits and defaults of an `RPCServer`. Each limit, when hit, gets a clear error:
/// an over-size body is -32700 "request bigger than maximum N allowed" (go-jsonrpc's wording),
/// an over-size WebSocket message closes the connection with code 1009 (message too big),
/// and the others are -32000 errors naming the limit.
public struct RPCServerConfiguration: Sendable {
    /// Largest HTTP body read; go-jsonrpc's default is 100 MiB.
    public var maxRequestSize: Int = 100 << 20
    /// Largest WebSocket message (after joining fragments).
    public var maxWebSocketMessageSize: Int = 100 << 20
    /// Largest single WebSocket frame, for `webSocketServerConfiguration`.
    public var maxWebSocketFrameSize: Int = 16 << 20
    /// Calls running at once on one WebSocket connection (open channels count while they stream).
    public var maxConcurrentRequestsPerConnection: Int = 1024
    /// Channel values waiting to be written to one WebSocket connection. A channel whose client
    /// reads slower than it produces waits (back-pressure) instead of growing the queue; responses
    /// are not held back, and are bounded by `maxConcurrentRequestsPerConnection`.
    public var maxQueuedChannelValuesPerConnection: Int = 1024
    /// Requests in one batch.
    public var maxBatchSize: Int = 1000
    /// Permissions of a request without a token. Lotus grants `read`; the default here grants
    /// nothing, so only methods marked public answer without a token.
    public var anonymousPermissions: Set<Permission> = []
    /// Where per-method calls, errors and latency and the open WebSocket connections are
    /// recorded (`rpc_calls_total`, `rpc_errors_total`, `rpc_call_duration`,
    /// `rpc_websocket_connections`); nil records nothing. A service's skeleton sets it.
    public var metricsFactory: (any MetricsFactory)?

    public init() {}

    /// A WebSocket server configuration honouring `maxWebSocketFrameSize`, for
    /// `.http1WebSocketUpgrade(webSocketRouter: router, configuration: .init(ws: configuration.webSocketServerConfiguration))`.
    public var webSocketServerConfiguration: WebSocketServerConfiguration {
        WebSocketServerConfiguration(maxFrameSize: maxWebSocketFrameSize)
    }
}
