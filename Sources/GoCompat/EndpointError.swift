/// Why an address (listen address, or a service to dial) was rejected.
public enum EndpointError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidHostPort(String)
    case invalidMultiaddr(String, reason: String)
    case unsupportedProtocol(String)
    case invalidURL(String, reason: String)
    case unsupportedScheme(String)

    public var description: String {
        switch self {
        case .invalidHostPort(let text): "invalid host:port \"\(text)\""
        case .invalidMultiaddr(let text, let reason): "invalid multiaddr \"\(text)\": \(reason)"
        case .unsupportedProtocol(let name): "unsupported multiaddr protocol \"\(name)\""
        case .invalidURL(let text, let reason): "invalid URL \"\(text)\": \(reason)"
        case .unsupportedScheme(let scheme):
            "unsupported URL scheme \"\(scheme)\" (expected http, https, ws or wss)"
        }
    }
}
