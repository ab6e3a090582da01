import FilecoinTypes
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JSONRPC
import SophonGateway
import Synchronization
import Testing
import VenusAPI
import VenusPool
import VenusTesting

/// The wallet's gateway client against real processes: keys added or deleted while joined are
/// announced, a restarted gateway is joined again, and the pool demo (the main job) runs.
@Suite(.serialized, .enabled(if: PoolExecutables.available, Comment(rawValue: PoolExecutables.missing)))
struct WalletLifecycleTests {
    func addresses(_ service: some RPCClient, account: String) async throws -> Set<Address> {
        Set(try await service.call(GatewayAPI.listWalletInfoByWallet, Params1(account)).connectStates.flatMap(\.addresses))
    }

    @Test func newAndDeletedKeysAreAnnouncedAndARestartedGatewayIsJoinedAgain() async throws {
        try await withPool("lifecycle") { fixture in
            let token = try await fixture.user("sp1", perm: .sign)
            let serviceToken = try await fixture.user("pool-service", perm: .admin)
            let service = RPCHTTPClient(url: fixture.gateway.httpURL, token: serviceToken)
            let first = try await fixture.pool.createWallet(name: "wallet", password: "pw", keyTypes: ["secp256k1"])
            _ = try await fixture.pool.startWallet(
                name: "wallet", password: "pw", gateways: [fixture.gateway.multiaddr], token: token)
            try await fixture.waitForWallets(service, account: "sp1", connections: 1, addresses: Set(first))
            // The gateway's /metrics (skeleton): its own gauges, for a token sophon-auth verifies.
            let metrics = try await Self.metrics(port: fixture.gateway.port, token: serviceToken)
            #expect(metrics.contains("sophon_gateway_wallet_connections 1"), "\(metrics)")
            #expect(metrics.contains("sophon_gateway_wallet_addresses 1"), "\(metrics)")
            // The operator's view, from the gateway's CLI (repo token and api file).
            let listed = try await fixture.pool.command(
                "sophon-gateway", ["wallet", "list", "--repo", fixture.pool.root + "/sophon-gateway"]).joined()
            #expect(listed.contains("\"Account\" : \"sp1\"") && listed.contains(first[0].description), "\(listed)")
            let state = try await fixture.pool.command(
                "sophon-gateway", ["wallet", "state", "sp1", "--repo", fixture.pool.root + "/sophon-gateway"]).joined()
            #expect(state.contains("ChannelId"), "\(state)")
            let miners = try await fixture.pool.command(
                "sophon-gateway", ["miner", "list", "--repo", fixture.pool.root + "/sophon-gateway"])
            #expect(miners.isEmpty)

            // A key made while the wallet runs is proven and routed, and becomes a signer.
            let added = try await fixture.pool.createWallet(name: "wallet", password: "pw", keyTypes: ["bls"])
            try await waitUntil("the new key is routed") {
                try await addresses(service, account: "sp1") == Set(first + added)
            }
            #expect(Set(try await fixture.auth.client.listSigners(user: "sp1").map(\.signer)) == Set(first + added))
            let signature = try await service.call(
                GatewayAPI.walletSign, Params4(added[0], ["sp1"], Data("new key".utf8), GatewayMsgMeta(type: "unknown")))
            #expect(signature.verifies(Array("new key".utf8), signer: added[0]))

            // A deleted key is no longer routed.
            _ = try await fixture.pool.walletCommand(
                ["del", first[0].description, "--repo", fixture.pool.root + "/wallet", "--password", "pw"])
            try await waitUntil("the deleted key is dropped") { try await addresses(service, account: "sp1") == Set(added) }

            // The gateway goes down and comes back on the same port: the wallet joins again.
            await fixture.gateway.process.stop(grace: .seconds(2))
            let restarted = try await fixture.pool.startGateway(auth: fixture.auth, port: fixture.gateway.port)
            let again = RPCHTTPClient(url: restarted.httpURL, token: serviceToken)
            try await waitUntil("the wallet joins the restarted gateway") {
                (try? await addresses(again, account: "sp1")) == Set(added)
            }
        }
    }

    static func metrics(port: Int, token: String) async throws -> String {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/metrics")))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func thePoolDemoSignsThroughTheGatewayAndVerifies() async throws {
        let folder = try #require(PoolExecutables.folder, Comment(rawValue: PoolExecutables.missing))
        let root = NSTemporaryDirectory() + "sophon-gateway-demo-\(getpid())-\(UUID().uuidString.prefix(8))"
        let pool = try LocalPool(binDirectory: folder, root: root)
        let lines = LinesBox()
        do {
            let outcome = try await PoolDemo(pool: pool, say: { lines.append($0) }).run()
            #expect(outcome.addresses.map(\.protocol) == [.bls, .secp256k1])
            #expect(outcome.signatures.map(\.kind) == [.bls, .secp256k1])
            for step in 1...7 { #expect(lines.all.contains { $0.hasPrefix("[\(step)/7]") }) }
        } catch {
            await pool.stopAll(grace: .seconds(1))
            throw error
        }
        await pool.stopAll(grace: .seconds(2))
        #expect(pool.processes.allSatisfy { !$0.isRunning })
        try? FileManager.default.removeItem(atPath: root)
    }
}

extension WalletLifecycleTests {
    /// `venus-pool demo --stay`, the README's command, stopped by Ctrl-C (SIGINT):
    /// every process it started is gone afterwards.
    @Test func ctrlCStopsEveryProcessThePoolDemoStarted() async throws {
        let folder = try #require(PoolExecutables.folder, Comment(rawValue: PoolExecutables.missing))
        let root = NSTemporaryDirectory() + "sophon-gateway-ctrlc-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let demo = try ChildProcess(
            name: "pool-demo", executable: folder + "/venus-pool",
            arguments: ["demo", "--stay", "--root", root + "/pool"], logPath: root + "/demo.log")
        var pids: [Int32] = []
        defer {
            // Whatever happened, leave nothing running.
            demo.signal(SIGKILL)
            for pid in pids where kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        let deadline = ContinuousClock.now + .seconds(180)
        var output = ""
        while ContinuousClock.now < deadline, demo.isRunning {
            output = String(decoding: FileManager.default.contents(atPath: root + "/demo.log") ?? Data(), as: UTF8.self)
            if output.contains("press Ctrl-C") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(output.contains("the pool works: 2 messages signed through the gateway and verified."), "\(output)")
        pids = output.split(separator: "(pid ").dropFirst().compactMap { Int32($0.prefix { $0.isNumber }) }
        #expect(pids.count == 3, "\(output)")
        #expect(pids.allSatisfy { kill($0, 0) == 0 })

        demo.signal(SIGINT)
        #expect(await demo.waitForExit(within: .seconds(20)))
        #expect(demo.exitStatus == 130)
        for pid in pids {
            #expect(kill(pid, 0) == -1 && errno == ESRCH, "process \(pid) still runs")
        }
    }
}

/// Lines collected from a `@Sendable` callback.
final class LinesBox: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
