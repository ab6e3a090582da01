import Foundation

/// A service to dial over HTTP or WebSocket, from any of the forms Lotus and Venus configs and
/// `api` files hold: a multiaddr (`/ip4/127.0.0.1/tcp/1234[/http|/https|/ws|/wss]`, `/ip6/...`,
/// `/dns|dns4|dns6/...`), `host:port`, `[v6]:port`, or an `http(s)://` or `ws(s)://` URL.
///
/// The one place where an address becomes a URL: `httpURL(path:)` and `webSocketURL(path:)`
/// give both schemes for the same endpoint (`https`/`wss` when it is secure), with `path`
/// appended to the path the address itself carried (a reverse proxy's prefix).
///
/// Invariants: `host` is non-empty and unbracketed; `port` is 1...65535 or nil (a URL without
/// one: the scheme's default); `path` is nil or starts with `/` and has no trailing `/`.
public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int?
    /// TLS: `https`/`wss` URLs and multiaddrs ending in `/https` or `/wss`.
    public let isSecure: Bool
    /// The path of a URL address (`http://proxy/venus` has `/venus`).
    public let path: String?

    public init(host: String, port: Int?, isSecure: Bool = false, path: String? = nil) {
        self.host = host
        self.port = port
        self.isSecure = isSecure
        self.path = path
    }

    /// - Throws: `EndpointError` naming what is wrong.
    public init(parsing address: String) throws(EndpointError) {
        let text = address.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalidHostPort(address) }
        if text.hasPrefix("/") {
            let (hostPort, scheme) = try HostPort.parse(multiaddr: text)
            guard hostPort.port != 0 else { throw .invalidMultiaddr(text, reason: "port 0 cannot be dialled") }
            self.init(host: hostPort.host, port: hostPort.port, isSecure: scheme == "https" || scheme == "wss")
        } else if let schemeEnd = text.range(of: "://") {
            try self.init(url: text, scheme: text[..<schemeEnd.lowerBound].lowercased(), rest: text[schemeEnd.upperBound...])
        } else {
            let hostPort = try HostPort(parsing: text)
            guard hostPort.port != 0 else { throw .invalidHostPort(text) }
            self.init(host: hostPort.host, port: hostPort.port)
        }
    }

    private init(url: String, scheme: String, rest: Substring) throws(EndpointError) {
        let secure: Bool
        switch scheme {
        case "http", "ws": secure = false
        case "https", "wss": secure = true
        default: throw .unsupportedScheme(scheme)
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var path = rest[authority.endIndex...]
        guard !path.contains("?"), !path.contains("#") else { throw .invalidURL(url, reason: "query or fragment") }
        while path.hasSuffix("/") { path = path.dropLast() }
        guard !authority.isEmpty else { throw .invalidURL(url, reason: "no host") }
        guard !authority.contains("@") else { throw .invalidURL(url, reason: "credentials in the URL") }
        var host = authority
        var port: Int? = nil
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(url, reason: "unclosed [") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard HostPort.isIPv6(host) else { throw .invalidURL(url, reason: "\"\(host)\" is not an IPv6 address") }
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL(url, reason: "junk after ]") }
                guard let value = HostPort.port(after.dropFirst()), value != 0 else {
                    throw .invalidURL(url, reason: "bad port \"\(after.dropFirst())\"")
                }
                port = value
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            guard let value = HostPort.port(authority[authority.index(after: colon)...]), value != 0 else {
                throw .invalidURL(url, reason: "bad port \"\(authority[authority.index(after: colon)...])\"")
            }
            port = value
        }
        guard HostPort.isHostText(host) else { throw .invalidURL(url, reason: "bad host \"\(host)\"") }
        self.init(host: String(host), port: port, isSecure: secure, path: path.isEmpty ? nil : String(path))
    }

    /// `host[:port]`, an IPv6 host bracketed.
    public var authority: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(bracketed):\($0)" } ?? bracketed
    }

    /// `http(s)://authority` + the endpoint's own path + `path`.
    public func httpURL(path suffix: String = "") -> String {
        (isSecure ? "https://" : "http://") + authority + (path ?? "") + suffix
    }

    /// `ws(s)://authority` + the endpoint's own path + `path`.
    public func webSocketURL(path suffix: String = "") -> String {
        (isSecure ? "wss://" : "ws://") + authority + (path ?? "") + suffix
    }

    /// This endpoint with `defaultPath` when the address carried no path: an RPC address given
    /// as `ws://host:port/rpc/v1` keeps its path, one given as a multiaddr gets `defaultPath`.
    public func withDefaultPath(_ defaultPath: String) -> Endpoint {
        path == nil ? Endpoint(host: host, port: port, isSecure: isSecure, path: defaultPath) : self
    }

    public var description: String { httpURL() }
}
