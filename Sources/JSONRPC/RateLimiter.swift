import Synchronization

/// Per-user token buckets, with limits read from a `RateLimitSource` and remembered for `limitTTL`.
///
/// Each call takes one token from the caller's bucket; a bucket refills continuously at
/// `capacity / refillPeriod` and never holds more than `capacity`.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var limit: RateLimit?
        var limitFetched: ContinuousClock.Instant
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let source: any RateLimitSource
    private let limitTTL: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(
        source: any RateLimitSource, limitTTL: Duration = .seconds(60),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.source = source
        self.limitTTL = limitTTL
        self.now = now
    }

    /// Takes one token for `user`. Returns nil when allowed, or how long until a token is available.
    public func acquire(user: String) async throws -> Duration? {
        let t = now()
        let needsLimit = buckets.withLock { b -> Bool in
            guard let bucket = b[user] else { return true }
            return t - bucket.limitFetched >= limitTTL
        }
        if needsLimit {
            let limit = try await source.limit(for: user)
            buckets.withLock { b in
                if var bucket = b[user] {
                    bucket.limit = limit
                    bucket.limitFetched = t
                    if let limit { bucket.tokens = min(bucket.tokens, Double(limit.capacity)) }
                    b[user] = bucket
                } else {
                    b[user] = Bucket(
                        limit: limit, limitFetched: t, tokens: Double(limit?.capacity ?? 0), updated: t)
                }
            }
        }
        return buckets.withLock { b -> Duration? in
            guard var bucket = b[user], let limit = bucket.limit else { return nil }
            guard limit.capacity > 0 else { return limit.refillPeriod }
            let period = Self.seconds(limit.refillPeriod)
            let rate = period > 0 ? Double(limit.capacity) / period : Double.infinity
            let elapsed = max(0, Self.seconds(t - bucket.updated))
            bucket.tokens = min(Double(limit.capacity), bucket.tokens + elapsed * rate)
            bucket.updated = max(t, bucket.updated)
            defer { b[user] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            let wait = (1 - bucket.tokens) / rate
            return .milliseconds(Int64((wait * 1000).rounded(.up)))
        }
    }

    /// Forgets a user's bucket and cached limit (e.g. after the limit changed).
    public func reset(user: String) {
        _ = buckets.withLock { $0.removeValue(forKey: user) }
    }

    private static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
