/// A host and TCP port, convertible to and from `host:port` text and Lotus-style multiaddrs
/// such as `/ip4/127.0.0.1/tcp/5678/http`.
///
/// Invariants: `host` is non-empty, without brackets (an IPv6 host is bracketed only in text);
/// `port` is in 0...65535 (0 asks the system for a free port when listening).
public struct HostPort: Hashable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int

    /// Why an address was rejected.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case invalidHostPort(String)
        case invalidMultiaddr(String)
        case unsupportedProtocol(String)

        public var description: String {
            switch self {
            case .invalidHostPort(let text): "invalid host:port \"\(text)\""
            case .invalidMultiaddr(let text): "invalid multiaddr \"\(text)\""
            case .unsupportedProtocol(let name): "unsupported multiaddr protocol \"\(name)\""
            }
        }
    }

    public init(host: String, port: Int) throws(ParseError) {
        guard !host.isEmpty, (0...65535).contains(port), !host.contains("/") else {
            throw .invalidHostPort("\(host):\(port)")
        }
        self.host = host
        self.port = port
    }

    /// Parses `host:port`, `[v6]:port` (Go's `net.SplitHostPort` forms).
    public init(parsing text: String) throws(ParseError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                throw .invalidHostPort(text)
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon else {
                throw .invalidHostPort(text)
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.count <= 5,
            let port = Int(portText)
        else { throw .invalidHostPort(text) }
        do {
            try self.init(host: String(host), port: port)
        } catch {
            throw .invalidHostPort(text)
        }
    }

    /// Parses a multiaddr `/ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>[/http|/https|/ws|/wss]`,
    /// returning the endpoint and the trailing scheme (`nil` when there is none).
    public static func parse(multiaddr text: String) throws(ParseError) -> (HostPort, scheme: String?) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[0].isEmpty else { throw .invalidMultiaddr(text) }
        switch parts[1] {
        case "ip4", "ip6", "dns", "dns4", "dns6": break
        default: throw .unsupportedProtocol(String(parts[1]))
        }
        guard parts[3] == "tcp" else { throw .unsupportedProtocol(String(parts[3])) }
        guard parts[4].allSatisfy(\.isASCII), parts[4].count <= 5, let port = Int(parts[4]) else {
            throw .invalidMultiaddr(text)
        }
        let endpoint: HostPort
        do {
            endpoint = try HostPort(host: String(parts[2]), port: port)
        } catch {
            throw .invalidMultiaddr(text)
        }
        switch parts.count {
        case 5: return (endpoint, nil)
        case 6:
            switch parts[5] {
            case "http", "https", "ws", "wss": return (endpoint, String(parts[5]))
            default: throw .unsupportedProtocol(String(parts[5]))
            }
        default: throw .invalidMultiaddr(text)
        }
    }

    /// A listen address as configs and flags give it: a multiaddr (any trailing scheme is
    /// ignored) or `host:port`.
    public init(listenAddress text: String) throws(ParseError) {
        self = text.hasPrefix("/") ? try HostPort.parse(multiaddr: text).0 : try HostPort(parsing: text)
    }

    /// `/ip4/<host>/tcp/<port>` (ip6 for IPv6 literals, dns for names), plus `/<scheme>` if given.
    public func multiaddr(scheme: String? = "http") -> String {
        let kind: String
        if host.contains(":") {
            kind = "ip6"
        } else if host.split(separator: ".").count == 4, host.allSatisfy({ $0.isNumber || $0 == "." }) {
            kind = "ip4"
        } else {
            kind = "dns"
        }
        return "/\(kind)/\(host)/tcp/\(port)" + (scheme.map { "/\($0)" } ?? "")
    }

    /// `host:port`, with an IPv6 host bracketed.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The base URL (`http://host:port`) for an address given as a multiaddr, a `host:port`, or
    /// an http(s)/ws(s) URL (ws becomes http, as upstream clients do).
    public static func baseURL(for address: String) throws(ParseError) -> String {
        if address.hasPrefix("/") {
            let (endpoint, scheme) = try parse(multiaddr: address)
            let http = (scheme == "https" || scheme == "wss") ? "https" : "http"
            return "\(http)://\(endpoint)"
        }
        for (prefix, http) in [("http://", "http"), ("https://", "https"), ("ws://", "http"), ("wss://", "https")]
        where address.hasPrefix(prefix) {
            var rest = address.dropFirst(prefix.count)
            while rest.hasSuffix("/") { rest = rest.dropLast() }
            _ = try HostPort(parsing: String(rest))
            return "\(http)://\(rest)"
        }
        return "http://\(try HostPort(parsing: address))"
    }
}
