import VenusTesting
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
            await #expect(throws: TokenError.self) { try await verifier.verify(signToken) }
        }
    }

    @Test("SophonAuthChangeWatcher drops a removed token or a disabled user's tokens within a poll, not a TTL")
    func changeWatcherInvalidatesAtOnce() async throws {
        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "rita"])
            _ = try await fixture.cli(["user", "add", "sam"])
            let admin = try fixture.admin
            let cache = CachingTokenVerifier(SophonAuthTokenVerifier(client: admin), ttl: .seconds(3600))
            let seen = Locked<[SophonAuthChanges]>([])
            let watcher = SophonAuthChangeWatcher(client: admin, cache: cache, wait: .seconds(10))
            let task = Task { await watcher.run { changes in seen.withLock { $0.append(changes) } } }
            defer { task.cancel() }
            // The first answer tells the watcher the epoch (a reset: nothing known yet).
            try await waitUntil("the watcher saw the first reset") { seen.withLock { $0.first?.reset == true } }

            let ritaToken = try await admin.generateToken(name: "rita", perm: .write)
            let ritaSecond = try await admin.generateToken(name: "rita", perm: .read)
            let samToken = try await admin.generateToken(name: "sam", perm: .read)
            for token in [ritaToken, ritaSecond, samToken] { _ = try await cache.verify(token) }
            #expect(cache.count == 3)

            // Removing one of rita's tokens drops rita's entries (the removed one must now fail),
            // long before the hour-long TTL; sam's entry stays.
            try await admin.removeToken(ritaToken)
            try await waitUntil("one verification cached") { cache.count == 1 }
            await #expect(throws: TokenError.self) { try await cache.verify(ritaToken) }
            #expect(try await cache.verify(ritaSecond).name == "rita")

            // Disabling sam: sam's cached token stops at once.
            try await admin.updateUser(name: "sam", state: .disabled)
            try await waitUntil("sam's removed token is refused") { (try? await cache.verify(samToken)) == nil }
            // Recovering rita's token makes it verify again, even though it was refused a moment ago.
            try await admin.recoverToken(ritaToken)
            try await waitUntil("rita's token verifies again") { (try? await cache.verify(ritaToken))?.name == "rita" }
            #expect(seen.withLock { $0.dropFirst().allSatisfy { !$0.reset } })
        }
    }

    @Test("GET /changes: sequence, reset for another epoch or a lost window, long poll, admin only")
    func changeFeed() async throws {
        let feed = AuthChangeFeed(capacity: 3)
        let first = await feed.changes(since: 0, epoch: nil, wait: .zero)
        #expect(first.reset && first.seq == 0 && first.epoch == feed.epoch)
        await feed.record(user: "a")
        await feed.record(user: "b")
        await feed.record(user: "a")
        let next = await feed.changes(since: 0, epoch: feed.epoch, wait: .zero)
        #expect(!next.reset && next.users == ["a", "b"] && next.seq == 3)
        #expect(await feed.changes(since: 2, epoch: feed.epoch, wait: .zero).users == ["a"])
        #expect(await feed.changes(since: 1, epoch: "old-epoch", wait: .zero).reset)
        #expect(await feed.changes(since: 9, epoch: feed.epoch, wait: .zero).reset)
        await feed.record(user: "c")
        await feed.record(user: "d")
        // Only the last 3 changes are kept: a reader at 1 missed change 2.
        #expect(await feed.changes(since: 1, epoch: feed.epoch, wait: .zero).reset)
        #expect(await feed.changes(since: 2, epoch: feed.epoch, wait: .zero).users == ["a", "c", "d"])

        // A long poll returns when a change is recorded, not when its wait runs out. The bound is
        // an outer limit, counted from the change: only a poll that ignored it would take 600 s,
        // while a loaded machine may take a minute to schedule the wake-up.
        async let woken = feed.changes(since: 5, epoch: feed.epoch, wait: .seconds(600))
        try await waitUntil("the long poll is parked") { await feed.waitingCount == 1 }
        let recorded = ContinuousClock.now
        await feed.record(user: "e")
        #expect(await woken.users == ["e"])
        #expect(ContinuousClock.now - recorded < .seconds(300))
        let idle = ContinuousClock.now
        #expect(await feed.changes(since: 6, epoch: feed.epoch, wait: .milliseconds(200)).users.isEmpty)
        #expect(ContinuousClock.now - idle >= .milliseconds(150))

        try await AuthFixture.with { fixture in
            _ = try await fixture.cli(["user", "add", "tom"])
            let admin = try fixture.admin
            let readToken = try await admin.generateToken(name: "tom", perm: .read)
            await #expect(throws: SophonAuthClientError.self) {
                try await fixture.client(token: readToken).changes(since: 0, epoch: nil)
            }
            let changes = try await admin.changes(since: 0, epoch: nil)
            #expect(changes.reset && changes.seq >= 1)
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
