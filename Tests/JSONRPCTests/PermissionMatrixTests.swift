import Foundation
import JSONRPC
import Synchronization
import Testing
import VenusTesting

@Suite("Permissions and tokens")
struct PermissionMatrixTests {
    /// The token kinds that verify, with the permissions each carries (Lotus's cumulative rule:
    /// a method needing P is allowed for a token holding P or anything above it).
    static let allowed: [String: Set<String>] = [
        "none": [],
        "read": ["read"],
        "write": ["read", "write"],
        "sign": ["read", "write", "sign"],
        "admin": ["read", "write", "sign", "admin"],
        "adminOnly": ["read", "write", "sign", "admin"],
        "sophonSign": ["read", "write", "sign"],
    ]

    @Test func matrixOverEveryMethodAndTokenKind() async throws {
        let tokens = try await TokenSet.make()
        let sophonToken = "sophon-token-for-alice"
        let store: [String: VerifiedToken] = [
            sophonToken: VerifiedToken(name: "alice", permissions: [.sign], extra: "")
        ]
        let verifier = FirstSuccessTokenVerifier([
            await LotusLocalTokenVerifier(secret: TokenSet.secret),
            MemoryTokenVerifier(tokens: { store }),
        ])
        let server = RPCServer(
            registry: TestAPI.registry(probe: Probe()), verifier: verifier, logger: quietLogger())
        let running = try await TestServer.start(server)
        defer { Task { await running.stop() } }

        let kinds: [(String, String?)] = [
            ("none", nil), ("read", "Bearer \(tokens.read)"), ("write", "Bearer \(tokens.write)"),
            ("sign", "Bearer \(tokens.sign)"), ("admin", "Bearer \(tokens.admin)"),
            ("adminOnly", "Bearer \(tokens.adminOnly)"), ("sophonSign", "Bearer \(sophonToken)"),
        ]
        for (kind, header) in kinds {
            for method in TestAPI.unaryNames {
                let body = #"{"jsonrpc":"2.0","id":1,"method":"\#(method.name)","params":\#(TestAPI.validParams(method.name))}"#
                let (status, text) = try await running.post(body, authorization: header)
                #expect(status == 200, "\(kind) \(method.name)")
                let object = try #require(try parseJSON(text) as? [String: Any])
                let mayCall = method.isPublic || (Self.allowed[kind] ?? []).contains(method.permission)
                let error = object["error"] as? [String: Any]
                if mayCall {
                    // Test.Fail fails by design; any other error is a refusal.
                    if method.name == "Test.Fail" {
                        #expect(error?["code"] as? Int == 7, "\(kind) \(method.name): \(text)")
                    } else {
                        #expect(error == nil, "\(kind) \(method.name): \(text)")
                    }
                } else {
                    let short = method.name.split(separator: ".").last.map(String.init) ?? ""
                    #expect(error?["code"] as? Int == 1, "\(kind) \(method.name): \(text)")
                    #expect(
                        error?["message"] as? String
                            == "missing permission to invoke '\(short)' (need '\(method.permission)')",
                        "\(kind) \(method.name): \(text)")
                }
            }
        }
        await running.stop()
    }

    @Test func refusedTokensGet401OnEveryMethod() async throws {
        let tokens = try await TokenSet.make()
        let verifier = FirstSuccessTokenVerifier([
            await LotusLocalTokenVerifier(secret: TokenSet.secret),
            MemoryTokenVerifier(tokens: { [:] }),
        ])
        let server = RPCServer(registry: TestAPI.registry(probe: Probe()), verifier: verifier, logger: quietLogger())
        let running = try await TestServer.start(server)
        let headers = [
            "Bearer not-a-jwt", "Bearer a.b.c", "Bearer \(tokens.wrongSignature)", "Bearer unknown-sophon-token",
            "Token \(tokens.admin)", tokens.admin, "Bearer ",
        ]
        for header in headers {
            for method in TestAPI.unaryNames {
                let body = #"{"jsonrpc":"2.0","id":1,"method":"\#(method.name)","params":\#(TestAPI.validParams(method.name))}"#
                let (status, text) = try await running.post(body, authorization: header)
                #expect(status == 401, "\(header) \(method.name)")
                #expect(text.isEmpty)
            }
        }
        // The WebSocket upgrade is refused the same way.
        do {
            var configuration = RPCWebSocketClient.Configuration(token: tokens.wrongSignature)
            configuration.connectTimeout = .seconds(5)
            let client = try await RPCWebSocketClient.connect(url: running.wsURL, configuration: configuration)
            client.close()
            Issue.record("upgrade with a bad token was accepted")
        } catch let error as RPCClientError {
            #expect(error == .upgradeRefused)
        }
        await running.stop()
    }

    @Test func lotusTokenPayloadAndVerification() async throws {
        let token = try await LotusLocalToken.issue(permissions: [.write, .read], secret: TokenSet.secret)
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let json = try #require(Data(base64Encoded: payload))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["Allow"] as? [String] == ["read", "write"])
        #expect(object.count == 1)

        let verifier = await LotusLocalTokenVerifier(secret: TokenSet.secret)
        let verified = try await verifier.verify(token)
        #expect(verified.permissions == [.read, .write])
        let other = await LotusLocalTokenVerifier(secret: TokenSet.otherSecret)
        await #expect(throws: TokenError.badSignature) { try await other.verify(token) }
        await #expect(throws: TokenError.self) { try await verifier.verify("garbage") }
    }

    @Test func cachingVerifierExpiresAndInvalidates() async throws {
        let store = Locked<[String: VerifiedToken]>(["t1": VerifiedToken(name: "bob", permissions: [.read])])
        let calls = Locked<Int>(0)
        let clock = Locked<ContinuousClock.Instant>(ContinuousClock.now)
        let inner = MemoryTokenVerifier(tokens: {
            calls.withLock { $0 += 1 }
            return store.withLock { $0 }
        })
        let cache = CachingTokenVerifier(inner, ttl: .seconds(10), now: { clock.withLock { $0 } })
        #expect(try await cache.verify("t1").name == "bob")
        #expect(try await cache.verify("t1").name == "bob")
        #expect(calls.withLock { $0 } == 1)

        // Removed upstream: still served from the cache until the entry expires.
        store.withLock { $0["t1"] = nil }
        #expect(try await cache.verify("t1").name == "bob")
        clock.withLock { $0 += .seconds(11) }
        await #expect(throws: TokenError.self) { try await cache.verify("t1") }

        // invalidate(token:) drops an entry before it expires.
        store.withLock { $0["t2"] = VerifiedToken(name: "carol", permissions: [.admin]) }
        _ = try await cache.verify("t2")
        store.withLock { $0["t2"] = nil }
        #expect(try await cache.verify("t2").name == "carol")
        cache.invalidate(token: "t2")
        await #expect(throws: TokenError.self) { try await cache.verify("t2") }

        store.withLock { $0["t3"] = VerifiedToken(name: "dan", permissions: [.read]) }
        _ = try await cache.verify("t3")
        store.withLock { $0["t3"] = nil }
        cache.invalidateAll()
        await #expect(throws: TokenError.self) { try await cache.verify("t3") }
        // A refusal is repeated for refusalTTL (2 s by default) without asking again...
        let before = calls.withLock { $0 }
        store.withLock { $0["t3"] = VerifiedToken(name: "dan", permissions: [.read]) }
        await #expect(throws: TokenError.self) { try await cache.verify("t3") }
        #expect(calls.withLock { $0 } == before)
        // ...then asked again.
        clock.withLock { $0 += .seconds(3) }
        #expect(try await cache.verify("t3").name == "dan")
        #expect(calls.withLock { $0 } == before + 1)

        // invalidate(name:) drops that user's entries and every refusal, and nobody else's.
        store.withLock { $0 = ["t4": VerifiedToken(name: "erin", permissions: [.read])] }
        await #expect(throws: TokenError.self) { try await cache.verify("t5") }
        store.withLock { $0["t5"] = VerifiedToken(name: "fay", permissions: [.read]) }
        cache.invalidate(name: "dan")
        #expect(try await cache.verify("t5").name == "fay")
        await #expect(throws: TokenError.self) { try await cache.verify("t3") }
    }

    @Test func onlyDefiniteRefusalsAreRemembered() async throws {
        struct Unreachable: Error {}
        let calls = Locked<Int>(0)
        let reachable = Locked<Bool>(false)
        let inner = ClosureTokenVerifier { token in
            calls.withLock { $0 += 1 }
            guard reachable.withLock({ $0 }) else { throw Unreachable() }
            if token == "good" { return VerifiedToken(name: "gus", permissions: [.read]) }
            throw TokenError.unknown("no such token")
        }
        let cache = CachingTokenVerifier(inner, ttl: .seconds(60), refusalTTL: .seconds(60))
        // The authority cannot be reached: nothing is remembered, the next call asks again.
        await #expect(throws: Unreachable.self) { try await cache.verify("good") }
        reachable.withLock { $0 = true }
        #expect(try await cache.verify("good").name == "gus")
        #expect(calls.withLock { $0 } == 2)
        await #expect(throws: TokenError.unknown("no such token")) { try await cache.verify("bad") }
        await #expect(throws: TokenError.unknown("no such token")) { try await cache.verify("bad") }
        #expect(calls.withLock { $0 } == 3)
        // A zero refusal TTL turns the negative cache off.
        let uncached = CachingTokenVerifier(inner, refusalTTL: .zero)
        await #expect(throws: TokenError.self) { try await uncached.verify("bad") }
        await #expect(throws: TokenError.self) { try await uncached.verify("bad") }
        #expect(calls.withLock { $0 } == 5)
    }

    @Test func expiredCacheEntryIsRefusedByServer() async throws {
        let store = Locked<[String: VerifiedToken]>(["tok": VerifiedToken(name: "eve", permissions: [.read])])
        let clock = Locked<ContinuousClock.Instant>(ContinuousClock.now)
        let cache = CachingTokenVerifier(
            MemoryTokenVerifier(tokens: { store.withLock { $0 } }), ttl: .seconds(5), now: { clock.withLock { $0 } })
        let server = RPCServer(registry: TestAPI.registry(probe: Probe()), verifier: cache, logger: quietLogger())
        let running = try await TestServer.start(server)
        let body = #"{"jsonrpc":"2.0","id":1,"method":"Test.WhoAmI","params":[]}"#
        let (s1, t1) = try await running.post(body, authorization: "Bearer tok")
        #expect(s1 == 200)
        #expect(try HTTPServerTests.result(t1) as? String == "eve")
        store.withLock { $0 = [:] }
        let (s2, _) = try await running.post(body, authorization: "Bearer tok")
        #expect(s2 == 200)
        clock.withLock { $0 += .seconds(6) }
        let (s3, _) = try await running.post(body, authorization: "Bearer tok")
        #expect(s3 == 401)
        await running.stop()
    }

    @Test func anonymousPermissionsAreConfigurable() async throws {
        var configuration = RPCServerConfiguration()
        configuration.anonymousPermissions = [.read]
        let server = RPCServer(
            registry: TestAPI.registry(probe: Probe()), verifier: await LotusLocalTokenVerifier(secret: TokenSet.secret),
            configuration: configuration, logger: quietLogger())
        let running = try await TestServer.start(server)
        let (_, read) = try await running.post(#"{"jsonrpc":"2.0","id":1,"method":"Test.Read","params":[1]}"#)
        #expect(try HTTPServerTests.result(read) as? Int == 2)
        let (_, write) = try await running.post(#"{"jsonrpc":"2.0","id":1,"method":"Test.Write","params":[]}"#)
        #expect(try HTTPServerTests.error(write).message == "missing permission to invoke 'Write' (need 'write')")
        await running.stop()
    }
}
