import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// A request context for RPC servers that want the caller's address: handlers read it as
/// `RPCCallContext.remoteAddress` (HTTP and WebSocket). Use it in place of
/// `BasicWebSocketRequestContext`: `Router(context: RPCRequestContext.self)`.
public struct RPCRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// The peer of the connection the request came on.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remoteAddress = source.channel.remoteAddress
    }
}
