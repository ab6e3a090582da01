/// Why a sophon-auth REST call failed.
public enum SophonAuthClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The base address is not a URL, `host:port` or multiaddr.
    case invalidAddress(String)
    /// 401: the token sent (or the one being verified) does not verify.
    case unauthorized(String)
    /// 403: the caller's token lacks the permission the endpoint needs.
    case forbidden(String)
    /// Any other non-200 answer, with the server's `{"error": ...}` text when it sent one.
    case server(status: Int, message: String)
    /// A 200 answer whose body is not what the endpoint returns.
    case invalidResponse(String)

    public var description: String {
        switch self {
        case .invalidAddress(let text): "invalid sophon-auth address: \(text)"
        case .unauthorized(let text): "unauthorized: \(text)"
        case .forbidden(let text): "permission denied: \(text)"
        case .server(let status, let text): "sophon-auth answered \(status): \(text)"
        case .invalidResponse(let text): "invalid sophon-auth response: \(text)"
        }
    }
}
