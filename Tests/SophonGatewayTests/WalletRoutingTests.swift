import FilecoinTypes
import Foundation
import JSONRPC
import SophonGateway
import Synchronization
import Testing
import VenusAPI
import VenusWallet

/// End to end with real processes: sophon-auth, sophon-gateway, venus-wallets, and a pool
/// service signing through the gateway.
@Suite(.serialized, .enabled(if: PoolExecutables.available, Comment(rawValue: PoolExecutables.missing)))
struct WalletRoutingTests {
    static let account = "sp1"
    static let password = "wallet pw"

    /// Two wallet processes holding the same keys for one account, joined to the gateway.
    struct TwoWallets {
        let addresses: [Address]
        let first: LocalPool.WalletNode
        let second: LocalPool.WalletNode
        let service: RPCWebSocketClient
    }

    static func twoWallets(_ fixture: PoolFixture) async throws -> TwoWallets {
        let providerToken = try await fixture.user(account, perm: .sign)
        let serviceToken = try await fixture.user("pool-service", perm: .admin)
        let addresses = try await fixture.pool.createWallet(
            name: "wallet-a", password: password, keyTypes: ["secp256k1", "bls"])
        // The second wallet holds the same keys, exported from the first.
        for address in addresses {
            let exported = try await fixture.pool.walletCommand(
                ["export", address.description, "--repo", fixture.pool.root + "/wallet-a", "--password", password])
            let file = fixture.pool.root + "/key-\(address)"
            try #require(exported.last).write(toFile: file, atomically: true, encoding: .utf8)
            _ = try await fixture.pool.walletCommand(
                ["import", file, "--repo", fixture.pool.root + "/wallet-b", "--password", password,
                 "--scrypt-n", "\(fixture.pool.scryptN)"])
        }
        let first = try await fixture.pool.startWallet(
            name: "wallet-a", password: password, gateways: [fixture.gateway.multiaddr], token: providerToken)
        let second = try await fixture.pool.startWallet(
            name: "wallet-b", password: password, gateways: [fixture.gateway.webSocketURL], token: providerToken)
        let service = try await fixture.service(token: serviceToken)
        try await fixture.waitForWallets(service, account: account, connections: 2, addresses: Set(addresses))
        return TwoWallets(addresses: addresses, first: first, second: second, service: service)
    }

    /// Signs `count` distinct payloads through the gateway, all at once or at most `concurrency`
    /// in flight; returns, per request, the signature or the error, and the latencies in seconds.
    static func signMany(
        _ service: RPCWebSocketClient, signer: Address, count: Int, tag: String, accounts: [String] = [account],
        concurrency: Int? = nil, progress: ((Int) -> Void)? = nil
    ) async -> (results: [Int: Result<Signature, any Error>], latencies: [Double]) {
        await signMany(count: count, tag: tag, concurrency: concurrency, progress: progress) { data in
            try await service.call(GatewayAPI.walletSign, Params4(signer, accounts, data, GatewayMsgMeta(type: "unknown")))
        }
    }

    /// Runs `sign` over `count` distinct payloads (`"<tag> request <i>"`); `progress` hears the
    /// number of answers so far after each answer, in the caller's task.
    static func signMany(
        count: Int, tag: String, concurrency: Int?, progress: ((Int) -> Void)? = nil,
        sign: @escaping @Sendable (Data) async throws -> Signature
    ) async -> (results: [Int: Result<Signature, any Error>], latencies: [Double]) {
        @Sendable func one(_ index: Int) async -> (Int, Result<Signature, any Error>, Double) {
            let data = Data("\(tag) request \(index)".utf8)
            let start = ContinuousClock.now
            do {
                let signature = try await sign(data)
                let elapsed = ContinuousClock.now - start
                return (index, .success(signature), Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            } catch {
                return (index, .failure(error), 0)
            }
        }
        return await withTaskGroup(of: (Int, Result<Signature, any Error>, Double).self) { group in
            var next = 0
            while next < min(concurrency ?? count, count) {
                let index = next
                group.addTask { await one(index) }
                next += 1
            }
            var results: [Int: Result<Signature, any Error>] = [:]
            var latencies: [Double] = []
            for await (index, result, latency) in group {
                // A second answer for one index would overwrite the first: count them.
                #expect(results[index] == nil, "request \(index) answered twice")
                results[index] = result
                if case .success = result { latencies.append(latency) }
                progress?(results.count)
                if next < count {
                    let index = next
                    group.addTask { await one(index) }
                    next += 1
                }
            }
            return (results, latencies)
        }
    }

    /// Every request answered once, with a signature over its own payload.
    static func expectAllSigned(_ results: [Int: Result<Signature, any Error>], signer: Address, count: Int, tag: String) {
        #expect(results.count == count)
        var failures: [String] = []
        for index in 0..<count {
            switch results[index] {
            case .success(let signature)?:
                if !signature.verifies(Array("\(tag) request \(index)".utf8), signer: signer) {
                    failures.append("\(index): signature of another payload")
                }
            case .failure(let error)?:
                failures.append("\(index): \(error)")
            case nil:
                failures.append("\(index): lost")
            }
        }
        // The count and a sample only: a full list of thousands would drown the log.
        let sample = failures.prefix(5).joined(separator: "; ")
        #expect(failures.count == 0, "\(failures.count) of \(count) failed, e.g. \(sample)")
    }

    @Test func twoWalletsServeOneAccountAndTheGatewayRegistersTheirSigners() async throws {
        try await withPool("two-wallets") { fixture in
            let wallets = try await Self.twoWallets(fixture)
            defer { wallets.service.close() }
            // Each proven address is a signer of the account in sophon-auth.
            let signers = Set(try await fixture.auth.client.listSigners(user: Self.account).map(\.signer))
            #expect(signers == Set(wallets.addresses))
            // The gateway shows where each wallet connected from.
            let detail = try await wallets.service.call(GatewayAPI.listWalletInfoByWallet, Params1(Self.account))
            #expect(detail.connectStates.map(\.ip) == ["127.0.0.1", "127.0.0.1"])

            // A service signs a real message from each key; the signature verifies here.
            for from in wallets.addresses {
                let message = Message(
                    to: try Address("f01000"), from: from, nonce: 7, value: TokenAmount(attoFIL: 1),
                    gasLimit: 1000, gasFeeCap: TokenAmount(attoFIL: 1), gasPremium: TokenAmount(attoFIL: 1))
                let signature = try await wallets.service.call(
                    GatewayAPI.walletSign,
                    Params4(from, [Self.account], Data(message.cid.bytes),
                            GatewayMsgMeta(type: "message", extra: Data(message.cborBytes))))
                #expect(SignedMessage(message: message, signature: signature).isSignatureValid)
                // v2 with no account: routed by the signer's users in sophon-auth.
                let unrouted = try await wallets.service.call(
                    GatewayAPI.walletSign,
                    Params4(from, [String](), Data(message.cid.bytes),
                            GatewayMsgMeta(type: "message", extra: Data(message.cborBytes))))
                #expect(unrouted.verifies(message.cid.bytes, signer: from))
            }
            // The wallet's signing policy still applies through the gateway: a message whose
            // CID is not the bytes to sign is refused, with the wallet's reason.
            let from = wallets.addresses[0]
            let message = Message(
                to: try Address("f01000"), from: from, nonce: 1, value: TokenAmount(attoFIL: 1),
                gasLimit: 1000, gasFeeCap: TokenAmount(attoFIL: 1), gasPremium: TokenAmount(attoFIL: 1))
            await #expect(throws: RPCError.self) {
                _ = try await wallets.service.call(
                    GatewayAPI.walletSign,
                    Params4(from, [Self.account], Data([1, 2, 3]),
                            GatewayMsgMeta(type: "message", extra: Data(message.cborBytes))))
            }

            // v1's single-account WalletSign and WalletHas.
            let v1 = RPCHTTPClient(url: "http://127.0.0.1:\(fixture.gateway.port)/rpc/v1", token: wallets.service.configuration.token)
            let v1Signature = try await v1.call(
                GatewayAPIV1.walletSign, Params4(Self.account, from, Data("v1".utf8), GatewayMsgMeta(type: "unknown")))
            #expect(v1Signature.verifies(Array("v1".utf8), signer: from))
            #expect(try await v1.call(GatewayAPIV1.walletHas, Params2(Self.account, from)))
            #expect(try await v1.call(GatewayAPIV1.walletHas, Params2("someone-else", from)) == false)

            // An address no wallet serves fails at once with a clear error.
            let stranger = try Address("f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za")
            let error = await #expect(throws: RPCError.self) {
                _ = try await wallets.service.call(
                    GatewayAPI.walletSign, Params4(stranger, [Self.account], Data([1]), GatewayMsgMeta(type: "unknown")))
            }
            #expect(error?.message.contains("no wallet connected for address") == true)
        }
    }

    @Test func requestsAreStillServedWhenOneWalletIsKilledMidStream() async throws {
        try await withPool("failover") { fixture in
            let wallets = try await Self.twoWallets(fixture)
            defer { wallets.service.close() }
            let signer = wallets.addresses[0]
            let count = 600
            // All 600 are sent at once; the first wallet dies when the 100th answer arrives, so
            // 500 are certainly still in flight.
            var answeredAtKill: Int?
            let (results, _) = await Self.signMany(
                wallets.service, signer: signer, count: count, tag: "failover",
                progress: { answered in
                    guard answered == 100 else { return }
                    wallets.first.process.signal(SIGKILL)
                    answeredAtKill = answered
                })
            #expect(answeredAtKill == 100)
            Self.expectAllSigned(results, signer: signer, count: count, tag: "failover")
            // And after the kill, the survivor alone serves.
            let (after, _) = await Self.signMany(wallets.service, signer: signer, count: 50, tag: "after")
            Self.expectAllSigned(after, signer: signer, count: 50, tag: "after")
            try await fixture.waitForWallets(
                wallets.service, account: Self.account, connections: 1, addresses: Set(wallets.addresses))
        }
    }

    @Test func thousandsOfConcurrentSignaturesAreNeitherLostNorDuplicated() async throws {
        try await withPool("load") { fixture in
            let wallets = try await Self.twoWallets(fixture)
            defer { wallets.service.close() }
            let signer = wallets.addresses[0]
            // scripts/gateway-bench.sh raises it for BENCHMARKS.md.
            let environment = ProcessInfo.processInfo.environment
            let count = environment["GATEWAY_LOAD_COUNT"].flatMap(Int.init) ?? 2000
            let concurrency = environment["GATEWAY_LOAD_CONCURRENCY"].flatMap(Int.init)
            let start = ContinuousClock.now
            let (results, latencies) = await Self.signMany(
                wallets.service, signer: signer, count: count, tag: "load", concurrency: concurrency)
            Self.expectAllSigned(results, signer: signer, count: count, tag: "load")
            Self.report("through the gateway (2 wallets)", count: count, concurrency: concurrency, since: start, latencies)

            // The baseline for BENCHMARKS.md: the same requests straight to one wallet's own API.
            guard environment["GATEWAY_LOAD_BASELINE"] == "1" else { return }
            let token = try String(contentsOfFile: wallets.first.repo + "/token", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let direct = RPCHTTPClient(url: "http://127.0.0.1:\(wallets.first.port)/rpc/v0", token: token)
            let directStart = ContinuousClock.now
            let (directResults, directLatencies) = await Self.signMany(count: count, tag: "direct", concurrency: concurrency) {
                data in
                try await direct.call(WalletAPI.walletSign, Params3(signer, data, WalletMsgMeta(type: .unknown)))
            }
            Self.expectAllSigned(directResults, signer: signer, count: count, tag: "direct")
            Self.report("straight to 1 wallet (HTTP)", count: count, concurrency: concurrency, since: directStart, directLatencies)
        }
    }

    static func report(_ label: String, count: Int, concurrency: Int?, since start: ContinuousClock.Instant, _ latencies: [Double]) {
        let elapsed = ContinuousClock.now - start
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "gateway load: \(label): \(count) signatures, \(concurrency.map { "\($0) in flight" } ?? "all at once"), "
                + "\(String(format: "%.2f", seconds)) s, \(Int(Double(count) / seconds))/s, "
                + "p50 \(String(format: "%.1f", sorted[sorted.count / 2] * 1000)) ms, "
                + "p99 \(String(format: "%.1f", sorted[sorted.count * 99 / 100] * 1000)) ms")
    }
}
