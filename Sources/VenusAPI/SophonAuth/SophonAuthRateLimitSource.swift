import JSONRPC

/// A `RateLimitSource` reading a user's limit from sophon-auth (`GET /user/ratelimit`, admin
/// token): the limit with empty service and API, as upstream's `MatchedLimit` picks it.
/// A user without one, or with a zero cap or duration, is unlimited.
public struct SophonAuthRateLimitSource: RateLimitSource {
    public let client: SophonAuthClient

    public init(client: SophonAuthClient) { self.client = client }

    public func limit(for user: String) async throws -> RateLimit? {
        let limits = try await client.getUserRateLimits(name: user)
        guard let limit = limits.first(where: \.isUserWide), limit.cap > 0, limit.resetDurationNanoseconds > 0
        else { return nil }
        return RateLimit(
            capacity: Int(clamping: limit.cap), refillPeriod: .nanoseconds(limit.resetDurationNanoseconds))
    }
}
