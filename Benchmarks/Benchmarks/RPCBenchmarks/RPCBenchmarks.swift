import Benchmark
import JSONRPC
import Synchronization

/// Token verification as an RPC server pays it per request: a Lotus local token (HS256 over
/// `{"Allow": [...]}`) checked from scratch, and the same token answered by a warm
/// `CachingTokenVerifier` holding 10k tokens (what a service in front of sophon-auth pays once a
/// token is known). Each sample is 1,000 verifications run in one nonisolated loop, so the
/// figures are per verification without the benchmark runner's actor hops.
/// Peer: Benchmarks/peers/token_peer.py (Python's hmac + json; a dict for the warm cache).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput], timeUnits: .nanoseconds, scalingFactor: .kilo, maxDuration: .seconds(3),
        maxIterations: 1_000_000)
    let fixture = TokenFixture.shared

    Benchmark("Token verify, HS256 Lotus local token (no cache)", closure: { benchmark in
        let (verifier, token) = try await fixture.uncached()
        benchmark.startMeasurement()
        try await verifyLoop(verifier, token, count: benchmark.scaledIterations.count)
        benchmark.stopMeasurement()
    })

    Benchmark("Token verify, warm CachingTokenVerifier (10k cached tokens)", closure: { benchmark in
        let (verifier, token) = try await fixture.warmCache()
        benchmark.startMeasurement()
        try await verifyLoop(verifier, token, count: benchmark.scaledIterations.count)
        benchmark.stopMeasurement()
    })
}

nonisolated func verifyLoop(_ verifier: any TokenVerifier, _ token: String, count: Int) async throws {
    for _ in 0..<count { blackHole(try await verifier.verify(token)) }
}

/// Verifiers and the token, built once.
final class TokenFixture: Sendable {
    static let shared = TokenFixture()
    private let secret = [UInt8](repeating: 0x5a, count: 32)
    private let built = Mutex<(uncached: (any TokenVerifier, String)?, cached: (any TokenVerifier, String)?)>((nil, nil))

    func uncached() async throws -> (any TokenVerifier, String) {
        if let ready = built.withLock({ $0.uncached }) { return ready }
        let pair: (any TokenVerifier, String) = (
            await LotusLocalTokenVerifier(secret: secret),
            try await LotusLocalToken.issue(permissions: Permission.allCases, secret: secret)
        )
        built.withLock { $0.uncached = pair }
        return pair
    }

    func warmCache() async throws -> (any TokenVerifier, String) {
        if let ready = built.withLock({ $0.cached }) { return ready }
        let (inner, token) = try await uncached()
        let cache = CachingTokenVerifier(inner, ttl: .seconds(3600), maxEntries: 20_000)
        // 10k other tokens of the same length first (refused, so remembered as refusals), so the
        // lookup is not into a tiny table.
        for n in 0..<10_000 {
            let other = "\(n)." + token.dropFirst("\(n).".count)
            _ = try? await cache.verify(String(other))
        }
        _ = try await cache.verify(token)
        let pair: (any TokenVerifier, String) = (cache, token)
        built.withLock { $0.cached = pair }
        return pair
    }
}
