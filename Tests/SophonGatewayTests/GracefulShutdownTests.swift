import Foundation
import Testing
import VenusAPI
import VenusPool

/// Every service stops on SIGTERM through the skeleton's ServiceGroup: it exits by itself, with
/// status 0, instead of being killed by the signal.
@Suite(.enabled(if: PoolExecutables.available, Comment(rawValue: PoolExecutables.missing)))
struct GracefulShutdownTests {
    @Test func eachServiceExitsCleanlyOnSIGTERM() async throws {
        try await withPool("sigterm") { fixture in
            let token = try await fixture.user("sp-term", perm: .sign)
            _ = try await fixture.pool.createWallet(name: "wallet", password: "pw", keyTypes: ["secp256k1"])
            let wallet = try await fixture.pool.startWallet(
                name: "wallet", password: "pw", gateways: [fixture.gateway.multiaddr], token: token)
            for child in [wallet.process, fixture.gateway.process, fixture.auth.process] {
                child.signal(SIGTERM)
                // A clean stop takes milliseconds. The bound is loose for a loaded machine, yet
                // below the 20 s long poll the gateway's change watcher keeps open at sophon-auth:
                // a shutdown that waited for it would miss it.
                #expect(await child.waitForExit(within: .seconds(15)), "\(child.name) still runs")
                #expect(child.exitStatus == 0, "\(child.name) exited with \(child.exitStatus): \(child.logTail())")
            }
        }
    }
}
