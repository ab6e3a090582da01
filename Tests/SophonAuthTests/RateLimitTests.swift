import Foundation
import Testing
import VenusAPI

@testable import SophonAuth

@Suite("sophon-auth rate limits")
struct RateLimitTests {
    @Test("rate-limit add, get, update, del through the CLI; stored per user")
    func rateLimits() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "kate"])
            let admin = try fixture.admin
            let added = try await fixture.cli(["user", "rate-limit", "add", "kate", "100", "1h20m"])
            #expect(added.hasPrefix("upsert user rate limit success: "))
            var limits = try await admin.getUserRateLimits(name: "kate")
            #expect(limits.count == 1)
            let limit = try #require(limits.first)
            #expect(limit.cap == 100)
            #expect(limit.resetDurationNanoseconds == 80 * 60 * 1_000_000_000)
            #expect(limit.isUserWide)
            #expect(try await fixture.cli(["user", "rate-limit", "get", "kate"]).contains("request limit amount:100, duration:1h20m0s"))
            // A second add without --id is refused, like upstream.
            await #expect(throws: (any Error).self) {
                _ = try await fixture.cli(["user", "rate-limit", "add", "kate", "5", "1m"])
            }
            _ = try await fixture.cli(["user", "rate-limit", "update", "kate", limit.id, "7", "30s"])
            limits = try await admin.getUserRateLimits(name: "kate", id: limit.id)
            #expect(limits.map(\.cap) == [7])
            #expect(limits.map(\.resetDurationNanoseconds) == [30_000_000_000])
            #expect(try await fixture.server.service.userWideRateLimit(user: "kate")?.cap == 7)

            // Go's wire form: {"Id","Name","Service","API","ReqLimit":{"Cap","ResetDur"}}.
            let raw = try await fixture.raw(
                .GET, "/user/ratelimit?name=kate", token: try fixture.repo.readToken())
            let array = try #require(try JSONSerialization.jsonObject(with: raw.body) as? [[String: Any]])
            #expect(Set(array.first?.keys.map { $0 } ?? []) == ["Id", "Name", "Service", "API", "ReqLimit"])
            #expect((array.first?["ReqLimit"] as? [String: Any])?["ResetDur"] as? Int == 30_000_000_000)

            #expect(try await fixture.cli(["user", "rate-limit", "del", "kate", limit.id]) == "delete rate limit success: \(limit.id)")
            #expect(try await fixture.cli(["user", "rate-limit", "get", "kate"]) == "user has no request rate limit")
            await #expect(throws: (any Error).self) {
                _ = try await fixture.cli(["user", "rate-limit", "add", "kate", "10", "ten minutes"])
            }
        }
    }
}
