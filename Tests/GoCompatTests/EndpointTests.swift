import GoCompat
import Testing

@Suite("HostPort and Endpoint")
struct EndpointTests {
    @Test("multiaddrs and host:port convert both ways")
    func multiaddrs() throws {
        let (endpoint, scheme) = try HostPort.parse(multiaddr: "/ip4/127.0.0.1/tcp/5678/http")
        #expect(endpoint == (try HostPort(host: "127.0.0.1", port: 5678)))
        #expect(scheme == "http")
        #expect(endpoint.multiaddr() == "/ip4/127.0.0.1/tcp/5678/http")
        #expect(endpoint.description == "127.0.0.1:5678")
        #expect(try HostPort(parsing: "127.0.0.1:8989").multiaddr(scheme: nil) == "/ip4/127.0.0.1/tcp/8989")
        let v6 = try HostPort(parsing: "[::1]:1234")
        #expect(v6.host == "::1")
        #expect(v6.multiaddr() == "/ip6/::1/tcp/1234/http")
        #expect(try HostPort.parse(multiaddr: v6.multiaddr()).0 == v6)
        #expect(try HostPort.parse(multiaddr: "/dns/node.example/tcp/1234").1 == nil)
        #expect(try HostPort(parsing: "node.example:0").multiaddr(scheme: nil) == "/dns/node.example/tcp/0")
        #expect(try HostPort(listenAddress: "/ip4/0.0.0.0/tcp/0") == HostPort(host: "0.0.0.0", port: 0))
        #expect(try HostPort(listenAddress: "[::]:5678") == HostPort(host: "::", port: 5678))
    }

    @Test("malformed multiaddrs are refused with the reason", arguments: [
        "/ip4/1.2.3.4/udp/5/http", "/ip4/1.2.3.4/tcp/x", "/ip4/1.2.3.4/tcp/70000", "/ip4//tcp/1",
        "/ip4/1.2.3.4/tcp/1/quic", "ip4/1.2.3.4/tcp/1", "/ip4/1.2.3.4/tcp/1/http/extra", "/ip4/1.2.3/tcp/1",
        "/ip4/1.2.3.256/tcp/1", "/ip4/01.2.3.4/tcp/1", "/ip4/::1/tcp/1", "/ip6/1.2.3.4/tcp/1", "/ip6/1:::2/tcp/1",
        "/ip6/1::2::3/tcp/1", "/dns/a:b/tcp/1", "/dns/a b/tcp/1", "/ip4/1.2.3.4", "/", "/unix/x", "/ip4/1.2.3.4/tcp/",
        "/ip4/1.2.3.4/tcp/+1", "/ip4/1.2.3.4/tcp/123456",
    ])
    func badMultiaddrs(text: String) {
        #expect(throws: EndpointError.self) { try HostPort.parse(multiaddr: text) }
        #expect(throws: EndpointError.self) { try Endpoint(parsing: text) }
    }

    @Test("malformed host:port is refused", arguments: [
        "127.0.0.1", "127.0.0.1:", ":80", "a:b:c", "host:99999", "[::1]80", "host:-1", "host:+1", "[::1", "a b:1",
        "host:1/x", "",
    ])
    func badHostPorts(text: String) {
        #expect(throws: EndpointError.self) { try HostPort(parsing: text) }
    }

    @Test("every address form gives its HTTP and WebSocket URLs", arguments: [
        // (address, HTTP URL for /rpc/v0, WebSocket URL for /rpc/v0)
        ("/ip4/127.0.0.1/tcp/1234", "http://127.0.0.1:1234/rpc/v0", "ws://127.0.0.1:1234/rpc/v0"),
        ("/ip4/127.0.0.1/tcp/1234/http", "http://127.0.0.1:1234/rpc/v0", "ws://127.0.0.1:1234/rpc/v0"),
        ("/ip4/127.0.0.1/tcp/1234/ws", "http://127.0.0.1:1234/rpc/v0", "ws://127.0.0.1:1234/rpc/v0"),
        ("/ip4/10.0.0.1/tcp/443/https", "https://10.0.0.1:443/rpc/v0", "wss://10.0.0.1:443/rpc/v0"),
        ("/ip4/10.0.0.1/tcp/443/wss", "https://10.0.0.1:443/rpc/v0", "wss://10.0.0.1:443/rpc/v0"),
        ("/ip6/::1/tcp/80", "http://[::1]:80/rpc/v0", "ws://[::1]:80/rpc/v0"),
        ("/ip6/fe80::1:2/tcp/80/https", "https://[fe80::1:2]:80/rpc/v0", "wss://[fe80::1:2]:80/rpc/v0"),
        ("/dns/node.example/tcp/3453", "http://node.example:3453/rpc/v0", "ws://node.example:3453/rpc/v0"),
        ("/dns4/node.example/tcp/3453/wss", "https://node.example:3453/rpc/v0", "wss://node.example:3453/rpc/v0"),
        ("/dns6/node.example/tcp/3453", "http://node.example:3453/rpc/v0", "ws://node.example:3453/rpc/v0"),
        ("localhost:9", "http://localhost:9/rpc/v0", "ws://localhost:9/rpc/v0"),
        ("[::1]:9", "http://[::1]:9/rpc/v0", "ws://[::1]:9/rpc/v0"),
        ("  127.0.0.1:9\n", "http://127.0.0.1:9/rpc/v0", "ws://127.0.0.1:9/rpc/v0"),
        ("http://127.0.0.1:8989", "http://127.0.0.1:8989/rpc/v0", "ws://127.0.0.1:8989/rpc/v0"),
        ("http://127.0.0.1:8989/", "http://127.0.0.1:8989/rpc/v0", "ws://127.0.0.1:8989/rpc/v0"),
        ("HTTPS://auth.example", "https://auth.example/rpc/v0", "wss://auth.example/rpc/v0"),
        ("ws://[::1]:1/", "http://[::1]:1/rpc/v0", "ws://[::1]:1/rpc/v0"),
        ("wss://gw.example:45132", "https://gw.example:45132/rpc/v0", "wss://gw.example:45132/rpc/v0"),
        // A URL's path is a prefix (a reverse proxy's): the path asked for goes after it.
        ("https://proxy.example/venus//", "https://proxy.example/venus/rpc/v0", "wss://proxy.example/venus/rpc/v0"),
    ])
    func urls(address: String, http: String, webSocket: String) throws {
        let endpoint = try Endpoint(parsing: address)
        #expect(endpoint.httpURL(path: "/rpc/v0") == http)
        #expect(endpoint.webSocketURL(path: "/rpc/v0") == webSocket)
    }

    @Test("an RPC address keeps its own path, else gets the default")
    func defaultPath() throws {
        #expect(try Endpoint(parsing: "/ip4/127.0.0.1/tcp/45132").withDefaultPath("/rpc/v2").webSocketURL()
            == "ws://127.0.0.1:45132/rpc/v2")
        #expect(try Endpoint(parsing: "ws://gw:1/rpc/v1").withDefaultPath("/rpc/v2").webSocketURL() == "ws://gw:1/rpc/v1")
        #expect(try Endpoint(parsing: "http://gw:1/").withDefaultPath("/rpc/v2").httpURL() == "http://gw:1/rpc/v2")
        #expect(try Endpoint(parsing: "http://127.0.0.1:8989").httpURL() == "http://127.0.0.1:8989")
    }

    @Test("malformed endpoints are refused with the reason", arguments: [
        ("", "invalid host:port"), ("no port", "invalid host:port"), ("ftp://host:1", "unsupported URL scheme \"ftp\""),
        ("http://", "no host"), ("http://:80", "bad host"), ("http://user:pw@host:1", "credentials"),
        ("http://host:0", "bad port"), ("http://host:99999", "bad port"), ("http://host:x", "bad port"),
        ("http://[::1", "unclosed ["), ("http://[zz]:1", "not an IPv6 address"), ("http://[::1]x", "junk after ]"),
        ("http://host:1/a?b=c", "query or fragment"), ("/ip4/127.0.0.1/tcp/0", "port 0 cannot be dialled"),
        ("host:0", "invalid host:port"), ("/ip4/1.2.3.4/udp/1", "unsupported multiaddr protocol \"udp\""),
    ])
    func badEndpoints(text: String, reason: String) {
        #expect {
            try Endpoint(parsing: text)
        } throws: { error in
            (error as? EndpointError)?.description.contains(reason) == true
        }
    }
}
