import Synchronization

/// Remembers verifications so a remote authority (sophon-auth) is asked once per token per period:
/// successes for `ttl`, definite refusals (a thrown ``TokenError``) for `refusalTTL`. Other
/// failures (the authority unreachable) are not remembered.
///
/// Entries are dropped at once by `invalidate(token:)`, `invalidate(name:)` (a token of that user
/// was removed or recovered, or the user disabled; refusals are dropped too, since a refused token
/// cannot be attributed to a user) or `invalidateAll()`, e.g. by `SophonAuthChangeWatcher`.
public final class CachingTokenVerifier: TokenVerifier {
    private enum Outcome {
        case verified(VerifiedToken)
        case refused(TokenError)
    }

    private struct Entry {
        let outcome: Outcome
        let expires: ContinuousClock.Instant
    }

    private let inner: any TokenVerifier
    private let ttl: Duration
    private let refusalTTL: Duration
    private let maxEntries: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[String: Entry]>([:])

    /// - Parameters:
    ///   - ttl: how long a successful verification is trusted.
    ///   - refusalTTL: how long a refusal is repeated without asking again (zero: never cached).
    ///   - maxEntries: beyond this, expired entries are pruned and, if still full, the cache is cleared.
    ///   - now: the clock, replaceable in tests.
    public init(
        _ inner: any TokenVerifier, ttl: Duration = .seconds(60), refusalTTL: Duration = .seconds(2),
        maxEntries: Int = 10_000, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.inner = inner
        self.ttl = ttl
        self.refusalTTL = refusalTTL
        self.maxEntries = max(1, maxEntries)
        self.now = now
    }

    public func verify(_ token: String) async throws -> VerifiedToken {
        let t = now()
        let cached: Outcome? = entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            if entry.expires > t { return entry.outcome }
            entries[token] = nil
            return nil
        }
        switch cached {
        case .verified(let verified)?: return verified
        case .refused(let error)?: throw error
        case nil: break
        }
        do {
            let verified = try await inner.verify(token)
            remember(token, .verified(verified), for: ttl)
            return verified
        } catch let error as TokenError {
            if refusalTTL > .zero { remember(token, .refused(error), for: refusalTTL) }
            throw error
        }
    }

    private func remember(_ token: String, _ outcome: Outcome, for period: Duration) {
        let expires = now() + period
        entries.withLock { entries in
            if entries.count >= maxEntries {
                let t = now()
                entries = entries.filter { $0.value.expires > t }
                if entries.count >= maxEntries { entries.removeAll() }
            }
            entries[token] = Entry(outcome: outcome, expires: expires)
        }
    }

    /// Forgets one token.
    public func invalidate(token: String) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }

    /// Forgets every token of user `name`, and every remembered refusal.
    public func invalidate(name: String) {
        entries.withLock { entries in
            entries = entries.filter { _, entry in
                if case .verified(let verified) = entry.outcome { return verified.name != name }
                return false
            }
        }
    }

    /// Forgets every token (e.g. after sophon-auth restarted).
    public func invalidateAll() {
        entries.withLock { $0.removeAll() }
    }

    /// Number of cached entries, expired ones included until next touched.
    public var count: Int { entries.withLock { $0.count } }
}
