import Foundation
import JSONRPC
import Synchronization
import Testing
import VenusTesting

struct MemoryRateLimitSource: RateLimitSource {
    let limits: [String: RateLimit]
    func limit(for user: String) async throws -> RateLimit? { limits[user] }
}

@Suite("Rate limiting")
struct RateLimitTests {
    @Test func bucketEmptiesAndRefills() async throws {
        let clock = Locked<ContinuousClock.Instant>(ContinuousClock.now)
        let limiter = RateLimiter(
            source: MemoryRateLimitSource(limits: ["alice": RateLimit(capacity: 2, refillPeriod: .seconds(10))]),
            now: { clock.withLock { $0 } })
        #expect(try await limiter.acquire(user: "alice") == nil)
        #expect(try await limiter.acquire(user: "alice") == nil)
        let wait = try #require(try await limiter.acquire(user: "alice"))
        // Two tokens per ten seconds: one token every five seconds.
        #expect(wait == .seconds(5))
        clock.withLock { $0 += .seconds(5) }
        #expect(try await limiter.acquire(user: "alice") == nil)
        #expect(try await limiter.acquire(user: "alice") != nil)
        // Refill never exceeds capacity.
        clock.withLock { $0 += .seconds(1000) }
        #expect(try await limiter.acquire(user: "alice") == nil)
        #expect(try await limiter.acquire(user: "alice") == nil)
        #expect(try await limiter.acquire(user: "alice") != nil)
        // Users without a limit are not limited.
        for _ in 0..<100 { #expect(try await limiter.acquire(user: "bob") == nil) }
    }

    @Test func serverRefusesOverLimit() async throws {
        let limiter = RateLimiter(
            source: MemoryRateLimitSource(limits: [
                LotusLocalToken.name: RateLimit(capacity: 3, refillPeriod: .seconds(3600))
            ]))
        try await HTTPServerTests.withServer(rateLimiter: limiter) { server, tokens in
            let body = #"{"jsonrpc":"2.0","id":1,"method":"Test.Read","params":[1]}"#
            for _ in 0..<3 {
                let (_, text) = try await server.post(body, authorization: "Bearer \(tokens.read)")
                #expect(try HTTPServerTests.result(text) as? Int == 2)
            }
            let (_, text) = try await server.post(body, authorization: "Bearer \(tokens.read)")
            let e = try HTTPServerTests.error(text)
            #expect(e.code == -32000)
            #expect(e.message.hasPrefix("rate limit exceeded for user 'lotus-local'"))
            // Public methods without a token are not counted against anyone.
            let (_, health) = try await server.post(#"{"jsonrpc":"2.0","id":1,"method":"Test.Health","params":[]}"#)
            #expect(try HTTPServerTests.result(health) as? String == "ok")
        }
    }
}
