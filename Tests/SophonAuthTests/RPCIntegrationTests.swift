import Foundation
import JSONRPC
import Testing
import VenusAPI

@testable import SophonAuth

@Suite("sophon-auth for JSON-RPC servers")
struct RPCIntegrationTests {
    @Test("SophonAuthTokenVerifier: cumulative permissions, refusals, behind JSONRPC's cache")
    func tokenVerifier() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "olga"])
            let admin = try fixture.admin
            let verifier = CachingTokenVerifier(SophonAuthTokenVerifier(client: admin), ttl: .seconds(60))
            let signToken = try await admin.generateToken(name: "olga", perm: .sign, extra: "e")
            let verified = try await verifier.verify(signToken)
            #expect(verified == VerifiedToken(name: "olga", permissions: [.read, .write, .sign], extra: "e"))
            #expect(verified.allows(.sign))
            #expect(!verified.allows(.admin))
            let adminVerified = try await verifier.verify(try fixture.repo.readToken())
            #expect(adminVerified.allows(.admin))
            await #expect(throws: (any Error).self) { try await verifier.verify("a.b.c") }

            // Once the user is disabled, sophon-auth refuses; the cache answers until invalidated.
            try await admin.updateUser(name: "olga", state: .disabled)
            #expect(try await verifier.verify(signToken).name == "olga")
            verifier.invalidate(token: signToken)
            await #expect(throws: SophonAuthClientError.self) { try await verifier.verify(signToken) }
        }
    }

    @Test("SophonAuthRateLimitSource feeds JSONRPC's RateLimiter with the user's stored limit")
    func rateLimitSource() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "pete"])
            _ = try await fixture.cli(["user", "rate-limit", "add", "pete", "2", "1h"])
            let source = SophonAuthRateLimitSource(client: try fixture.admin)
            #expect(try await source.limit(for: "pete") == RateLimit(capacity: 2, refillPeriod: .seconds(3600)))
            #expect(try await source.limit(for: AuthService.defaultAdminUser) == nil)

            let limiter = RateLimiter(source: source)
            #expect(try await limiter.acquire(user: "pete") == nil)
            #expect(try await limiter.acquire(user: "pete") == nil)
            #expect(try await limiter.acquire(user: "pete") != nil)
            #expect(try await limiter.acquire(user: AuthService.defaultAdminUser) == nil)
        }
    }
}
