import Foundation
import Testing
import VenusRuntime

@Suite("VenusRuntime")
struct RuntimeTests {
    // Expected values follow Go's time.ParseDuration / Duration.String documentation.
    @Test("Go durations parse and print as Go does", arguments: [
        ("1h20m", Int64(4_800_000_000_000), "1h20m0s"),
        ("2m10s", 130_000_000_000, "2m10s"),
        ("300ms", 300_000_000, "300ms"),
        ("-1.5h", -5_400_000_000_000, "-1h30m0s"),
        ("1.5s", 1_500_000_000, "1.5s"),
        ("0", 0, "0s"),
        ("1us", 1_000, "1µs"),
        ("1h", 3_600_000_000_000, "1h0m0s"),
    ])
    func goDurations(text: String, nanoseconds: Int64, printed: String) throws {
        let duration = try GoDuration(parsing: text)
        #expect(duration.nanoseconds == nanoseconds)
        #expect(duration.description == printed)
        #expect(try GoDuration(parsing: printed) == duration)
    }

    @Test("malformed Go durations are refused", arguments: ["", "1", "h", "1x", "1.2.3s", "--1s", "1h 2m", ".s"])
    func badDurations(text: String) {
        #expect(throws: GoDuration.ParseError.self) { try GoDuration(parsing: text) }
    }

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
        #expect(try HostPort.baseURL(for: "/ip4/10.0.0.1/tcp/80/https") == "https://10.0.0.1:80")
        #expect(try HostPort.baseURL(for: "ws://127.0.0.1:1234/") == "http://127.0.0.1:1234")
        #expect(try HostPort.baseURL(for: "localhost:9") == "http://localhost:9")
        for bad in ["/ip4/1.2.3.4/udp/5/http", "/ip4/1.2.3.4/tcp/x", "/ip4/1.2.3.4/tcp/70000", "/ip4//tcp/1",
            "/ip4/1.2.3.4/tcp/1/quic", "ip4/1.2.3.4/tcp/1", "/ip4/1.2.3.4/tcp/1/http/extra"]
        {
            #expect(throws: HostPort.ParseError.self, "\(bad)") { try HostPort.parse(multiaddr: bad) }
        }
        for bad in ["127.0.0.1", "127.0.0.1:", ":80", "a:b:c", "host:99999", "[::1]80", "host:-1"] {
            #expect(throws: HostPort.ParseError.self, "\(bad)") { try HostPort(parsing: bad) }
        }
    }

    @Test("repo chosen by flag, then environment, then default; ~ expanded")
    func repoSelection() throws {
        let home = try RepoDirectory.expandTilde("~")
        #expect(try RepoDirectory(explicit: nil, environmentKey: "X", defaultPath: "~/.svc", environment: [:]).path
            == home + "/.svc")
        #expect(try RepoDirectory(explicit: nil, environmentKey: "X", defaultPath: "~/.svc", environment: ["X": "/tmp/e"]).path
            == "/tmp/e")
        #expect(try RepoDirectory(explicit: "/tmp/f/", environmentKey: "X", defaultPath: "~/.svc", environment: ["X": "/tmp/e"]).path
            == "/tmp/f")
        #expect(throws: RepoError.self) { try RepoDirectory(path: "~other/x") }
    }

    @Test("missing and empty token files are clear errors")
    func tokenFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("venus-runtime-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let repo = try RepoDirectory(path: path + "/nested/repo")
        try repo.create()
        #expect(throws: RepoError.missingFile(repo.file("token"))) { try repo.readToken() }
        try repo.writeText("  \n", to: "token")
        #expect(throws: RepoError.unreadableFile(repo.file("token"))) { try repo.readToken() }
        try repo.writeToken("abc")
        #expect(try repo.readToken() == "abc")
        try repo.writeText("x", to: "plain")
        #expect(throws: RepoError.self) { try RepoDirectory(path: repo.file("plain")).create() }
    }
}
