import Synchronization

/// Remembers successful verifications for `ttl`, so a remote authority (sophon-auth) is asked once
/// per token per period. Failures are not cached. `invalidate` drops an entry at once, e.g. when
/// a token is removed.
public final class CachingTokenVerifier: TokenVerifier {
    private struct Entry {
        let token: VerifiedToken
        let expires: ContinuousClock.Instant
    }

    private let inner: any TokenVerifier
    private let ttl: Duration
    private let maxEntries: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[String: Entry]>([:])

    /// - Parameters:
    ///   - ttl: how long a verification is trusted.
    ///   - maxEntries: beyond this, expired entries are pruned and, if still full, the cache is cleared.
    ///   - now: the clock, replaceable in tests.
    public init(
        _ inner: any TokenVerifier, ttl: Duration = .seconds(60), maxEntries: Int = 10_000,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.inner = inner
        self.ttl = ttl
        self.maxEntries = max(1, maxEntries)
        self.now = now
    }

    public func verify(_ token: String) async throws -> VerifiedToken {
        let t = now()
        let cached: VerifiedToken? = entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            if entry.expires > t { return entry.token }
            entries[token] = nil
            return nil
        }
        if let cached { return cached }
        let verified = try await inner.verify(token)
        let expires = now() + ttl
        entries.withLock { entries in
            if entries.count >= maxEntries {
                let t = now()
                entries = entries.filter { $0.value.expires > t }
                if entries.count >= maxEntries { entries.removeAll() }
            }
            entries[token] = Entry(token: verified, expires: expires)
        }
        return verified
    }

    /// Forgets one token.
    public func invalidate(token: String) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }

    /// Forgets every token (e.g. after a permission change in sophon-auth).
    public func invalidateAll() {
        entries.withLock { $0.removeAll() }
    }

    /// Number of cached entries, expired ones included until next touched.
    public var count: Int { entries.withLock { $0.count } }
}
