import Foundation
import JSONRPC
import Testing
import VenusAPI

/// The gateway caches sophon-auth's verifications for a minute, but follows sophon-auth's change
/// feed: a removed token or a disabled user is refused within a poll, not after the cache's TTL.
@Suite(.enabled(if: PoolExecutables.available, Comment(rawValue: PoolExecutables.missing)))
struct TokenRevocationTests {
    @Test func aRemovedTokenOrADisabledUserIsRefusedAtOnce() async throws {
        try await withPool("revocation") { fixture in
            let serviceToken = try await fixture.user("pool-service", perm: .admin)
            let otherToken = try await fixture.user("other-service", perm: .admin)
            let service = RPCHTTPClient(url: fixture.gateway.httpURL, token: serviceToken)
            let other = RPCHTTPClient(url: fixture.gateway.httpURL, token: otherToken)
            // Both verified once, so both are in the gateway's cache.
            _ = try await service.call(GatewayAPI.listConnectedMiners)
            _ = try await other.call(GatewayAPI.listConnectedMiners)

            try await fixture.auth.client.removeToken(serviceToken)
            try await Self.expectRefusedSoon { _ = try await service.call(GatewayAPI.listConnectedMiners) }
            // Nobody else's access changed.
            _ = try await other.call(GatewayAPI.listConnectedMiners)

            try await fixture.auth.client.updateUser(name: "other-service", state: .disabled)
            try await Self.expectRefusedSoon { _ = try await other.call(GatewayAPI.listConnectedMiners) }
        }
    }

    /// Under the verifier's 60-second TTL: only the change feed can make this pass.
    private static func expectRefusedSoon(_ call: () async throws -> Void) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            do {
                try await call()
            } catch {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the call still succeeded 30 s after the token was revoked")
    }
}
