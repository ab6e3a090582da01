/// Failures of the transport rather than of the method.
public enum RPCClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered 401: the token is missing, malformed or refused.
    case unauthorized
    /// The server refused the WebSocket upgrade: a refused token (401) or a wrong path.
    case upgradeRefused
    /// An HTTP status go-jsonrpc never uses for JSON-RPC answers.
    case httpStatus(Int)
    /// The answer is not a JSON-RPC response for this request.
    case invalidResponse(String)
    /// The WebSocket connection dropped while the call or channel was open.
    case connectionLost
    /// No connection could be made in time.
    case notConnected(String)
    /// The client was closed.
    case closed

    public var description: String {
        switch self {
        case .unauthorized: return "unauthorized (HTTP 401): check the API token"
        case .upgradeRefused: return "websocket upgrade refused: check the API token and the path"
        case .httpStatus(let s): return "request failed, http status \(s)"
        case .invalidResponse(let why): return "invalid JSON-RPC response: \(why)"
        case .connectionLost: return "websocket connection lost"
        case .notConnected(let why): return "not connected: \(why)"
        case .closed: return "client closed"
        }
    }
}
