import Benchmark
import JSONRPC

/// Token verification as an RPC server pays it per request: a Lotus local token (HS256 over
/// `{"Allow": [...]}`) checked from scratch, and the same token answered by a warm
/// `CachingTokenVerifier` (what a service in front of sophon-auth pays once a token is known).
/// Peer: Benchmarks/peers/token_peer.py (Python's hmac + json, the same token).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(3), maxIterations: 1_000_000)
    let secret = [UInt8](repeating: 0x5a, count: 32)

    Benchmark("Token verify, HS256 Lotus local token (no cache)") { benchmark in
        let verifier = await LotusLocalTokenVerifier(secret: secret)
        let token = try await LotusLocalToken.issue(permissions: Permission.allCases, secret: secret)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try await verifier.verify(token)) }
        benchmark.stopMeasurement()
    }

    Benchmark("Token verify, warm CachingTokenVerifier (10k cached tokens)") { benchmark in
        let token = try await LotusLocalToken.issue(permissions: Permission.allCases, secret: secret)
        let cache = CachingTokenVerifier(AcceptingVerifier(), ttl: .seconds(3600), maxEntries: 20_000)
        // 10k other tokens of the same length first, so the lookup is not into a tiny table.
        for n in 0..<10_000 {
            let other = "\(n)." + token.dropFirst("\(n).".count)
            _ = try await cache.verify(String(other))
        }
        _ = try await cache.verify(token)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try await cache.verify(token)) }
        benchmark.stopMeasurement()
    }
}

/// Accepts every token; only its cache is measured (the warm path never calls it).
struct AcceptingVerifier: TokenVerifier {
    func verify(_ token: String) async throws -> VerifiedToken {
        VerifiedToken(name: "bench", permissions: Set(Permission.allCases))
    }
}
