/// A token bucket: at most `capacity` calls at once, refilled at `capacity` per `refillPeriod`
/// (sophon-auth stores a user's limit as capacity + reset duration).
public struct RateLimit: Sendable, Hashable {
    public var capacity: Int
    public var refillPeriod: Duration

    public init(capacity: Int, refillPeriod: Duration) {
        self.capacity = capacity
        self.refillPeriod = refillPeriod
    }
}

/// Where limits come from (sophon-auth implements it). `nil` means unlimited.
public protocol RateLimitSource: Sendable {
    func limit(for user: String) async throws -> RateLimit?
}
