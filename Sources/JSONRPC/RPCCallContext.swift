import Logging

/// What a handler knows about the call it serves.
public struct RPCCallContext: Sendable {
    /// How the request arrived.
    public enum Transport: String, Sendable { case http, webSocket }

    /// Full method name, e.g. `Filecoin.ChainHead`.
    public let method: String
    /// The verified token, nil for a public method called without one.
    public let token: VerifiedToken?
    public let transport: Transport
    public let logger: Logger
    /// The caller's IP address, when the server's request context knows it (`RPCRequestContext`).
    public let remoteAddress: String?

    public init(method: String, token: VerifiedToken?, transport: Transport, logger: Logger, remoteAddress: String? = nil) {
        self.method = method
        self.token = token
        self.transport = transport
        self.logger = logger
        self.remoteAddress = remoteAddress
    }
}
