import Foundation

/// A host and TCP port, convertible to and from `host:port` text and Lotus-style multiaddrs
/// such as `/ip4/127.0.0.1/tcp/5678/http`. Services listen on one; clients dial an `Endpoint`.
///
/// Invariants: `host` is non-empty, without brackets (an IPv6 host is bracketed only in text)
/// and without `/`; `port` is in 0...65535 (0 asks the system for a free port when listening).
public struct HostPort: Hashable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) throws(EndpointError) {
        guard !host.isEmpty, (0...65535).contains(port), !host.contains("/") else {
            throw .invalidHostPort("\(host):\(port)")
        }
        self.host = host
        self.port = port
    }

    /// Parses `host:port` and `[v6]:port` (Go's `net.SplitHostPort` forms).
    public init(parsing text: String) throws(EndpointError) {
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
        guard let port = Self.port(portText), Self.isHostText(host) else { throw .invalidHostPort(text) }
        try self.init(host: String(host), port: port)
    }

    /// Parses a listen address: a multiaddr (its scheme ignored) or `host:port`.
    public init(listenAddress text: String) throws(EndpointError) {
        self = text.hasPrefix("/") ? try Self.parse(multiaddr: text).0 : try HostPort(parsing: text)
    }

    /// Parses a multiaddr `/ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>[/http|/https|/ws|/wss]`,
    /// returning the endpoint and the trailing scheme (`nil` when there is none).
    public static func parse(multiaddr text: String) throws(EndpointError) -> (HostPort, scheme: String?) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].isEmpty else { throw .invalidMultiaddr(text, reason: "must start with /") }
        let kind = parts[1]
        switch kind {
        case "ip4", "ip6", "dns", "dns4", "dns6": break
        default: throw .unsupportedProtocol(String(kind))
        }
        guard parts.count >= 5 else { throw .invalidMultiaddr(text, reason: "expected /\(kind)/<host>/tcp/<port>") }
        let host = parts[2]
        switch kind {
        case "ip4":
            guard isIPv4(host) else { throw .invalidMultiaddr(text, reason: "\"\(host)\" is not an IPv4 address") }
        case "ip6":
            guard isIPv6(host) else { throw .invalidMultiaddr(text, reason: "\"\(host)\" is not an IPv6 address") }
        default:
            guard isHostText(host), !host.contains(":") else {
                throw .invalidMultiaddr(text, reason: "\"\(host)\" is not a DNS name")
            }
        }
        guard parts[3] == "tcp" else { throw .unsupportedProtocol(String(parts[3])) }
        guard let port = Self.port(parts[4]) else {
            throw .invalidMultiaddr(text, reason: "\"\(parts[4])\" is not a TCP port")
        }
        let endpoint = try HostPort(host: String(host), port: port)
        switch parts.count {
        case 5: return (endpoint, nil)
        case 6:
            switch parts[5] {
            case "http", "https", "ws", "wss": return (endpoint, String(parts[5]))
            default: throw .unsupportedProtocol(String(parts[5]))
            }
        default: throw .invalidMultiaddr(text, reason: "unexpected \"\(parts[6...].joined(separator: "/"))\"")
        }
    }

    /// `/ip4/<host>/tcp/<port>` (ip6 for IPv6 literals, dns for names), plus `/<scheme>` if given.
    public func multiaddr(scheme: String? = "http") -> String {
        let kind: String
        if host.contains(":") {
            kind = "ip6"
        } else if Self.isIPv4(Substring(host)) {
            kind = "ip4"
        } else {
            kind = "dns"
        }
        return "/\(kind)/\(host)/tcp/\(port)" + (scheme.map { "/\($0)" } ?? "")
    }

    /// `host:port`, with an IPv6 host bracketed.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// A decimal port 0...65535 of one to five ASCII digits.
    static func port(_ text: Substring) -> Int? {
        guard (1...5).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(text), value <= 65535
        else { return nil }
        return value
    }

    /// Four decimal octets 0...255, without leading zeros (as Go's `net.ParseIP` requires).
    static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4
            && octets.allSatisfy { octet in
                guard let value = port(octet), value <= 255 else { return false }
                return octet.count == 1 || octet.first != "0"
            }
    }

    /// Hex groups and colons (with at most one `::`), optionally ending in an IPv4 part.
    static func isIPv6(_ text: Substring) -> Bool {
        guard text.contains(":"), text.utf8.count <= 45 else { return false }
        let allowed = text.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66) || c == 0x3A || c == 0x2E
        }
        return allowed && text.components(separatedBy: "::").count <= 2 && !text.contains(":::")
    }

    /// Non-empty host text with no character that would change a URL's meaning.
    static func isHostText(_ text: Substring) -> Bool {
        !text.isEmpty
            && !text.unicodeScalars.contains { " /?#@[]\\".unicodeScalars.contains($0) || $0.value < 0x21 }
    }
}
