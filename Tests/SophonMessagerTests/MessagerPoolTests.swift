import Chain
import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC
import Testing
import VenusAPI
import VenusPool
import VenusTesting

/// sophon-messager among the real processes of a pool: sophon-auth with two SP users,
/// sophon-gateway, one venus-wallet per SP holding that SP's funded devnet keys, the devnet
/// `venus daemon` with blocks from the test producer (the node's own pool selection), and the
/// messager signing every message remotely through the gateway.
@Suite struct MessagerPoolTests {
    static let executables = ["venus", "sophon-messager", "sophon-auth", "sophon-gateway", "venus-wallet"]
    static var built: Bool { executables.allSatisfy(BuiltExecutable.available) }
    static let password = "messager-test"

    /// The running pool of one test.
    struct Pool {
        let pool: LocalPool
        let devnet: DevnetTestGenesis
        let node: LocalPool.VenusDaemon
        var messager: LocalPool.MessagerNode
        let producer: DevnetBlockProducer
        let auth: LocalPool.Auth
        let gateway: LocalPool.GatewayNode
        let serviceToken: String
        let tokenA: String
        let tokenB: String
        /// sp-a's client and addresses, sp-b's client and address.
        let clientA: RPCHTTPClient
        let clientB: RPCHTTPClient
        let addressesA: [Address]
        let addressB: Address
    }

    static func start(root: String, messagerArguments: [String] = []) async throws -> Pool {
        let executable = try #require(BuiltExecutable.url("sophon-messager"))
        // A fast devnet clock (2 s epochs, genesis just past): the producer follows the clock, so
        // the messager sees a head every 2 s, as it would on a real 2k devnet, only faster.
        let devnet = try DevnetTestGenesis(
            folder: root + "/genesis", sectorCounts: [2, 2], testAccounts: [.secp256k1, .bls, .secp256k1],
            blockDelaySeconds: 2, timestampOffset: -6)
        let pool = try LocalPool(binDirectory: executable.deletingLastPathComponent().path, root: root)
        let auth = try await pool.startAuth()
        for user in ["sp-a", "sp-b", "pool-service"] { _ = try await auth.client.createUser(name: user) }
        let tokenA = try await auth.client.generateToken(name: "sp-a", perm: .sign)
        let tokenB = try await auth.client.generateToken(name: "sp-b", perm: .sign)
        let serviceToken = try await auth.client.generateToken(name: "pool-service", perm: .admin)
        let gateway = try await pool.startGateway(auth: auth)

        let keys = devnet.testKeys
        let json = try keys.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let addressesA = try await pool.importWallet(name: "wallet-a", password: password, keys: [json[0], json[1]])
        let addressesB = try await pool.importWallet(name: "wallet-b", password: password, keys: [json[2]])
        #expect(addressesA == [keys[0].address, keys[1].address] && addressesB == [keys[2].address])
        _ = try await pool.startWallet(name: "wallet-a", password: password, gateways: [gateway.multiaddr], token: tokenA)
        _ = try await pool.startWallet(name: "wallet-b", password: password, gateways: [gateway.multiaddr], token: tokenB)
        // The gateway proves each address and binds it to its user as a signer in sophon-auth.
        try await waitUntil("every key bound as a signer of its user", within: .seconds(60)) {
            let a = Set(try await auth.client.listSigners(user: "sp-a").map(\.signer))
            let b = Set(try await auth.client.listSigners(user: "sp-b").map(\.signer))
            return a == Set(addressesA) && b == Set(addressesB)
        }

        let node = try await pool.startVenus(genesis: devnet.genesisFile, blockDelaySeconds: devnet.blockDelaySeconds)
        let messager = try await pool.startMessager(
            node: node, gateway: gateway, gatewayToken: serviceToken, auth: auth,
            extraArguments: ["--head-settle", "0s"] + messagerArguments)
        let producer = DevnetBlockProducer(url: node.url, token: node.adminToken, devnet: devnet)
        return Pool(
            pool: pool, devnet: devnet, node: node, messager: messager, producer: producer, auth: auth, gateway: gateway,
            serviceToken: serviceToken, tokenA: tokenA, tokenB: tokenB,
            clientA: RPCHTTPClient(url: messager.url, token: tokenA), clientB: RPCHTTPClient(url: messager.url, token: tokenB),
            addressesA: addressesA, addressB: addressesB[0])
    }

    /// `count` scaled by `MESSAGER_POOL_SCALE` (a percentage, for quick local runs; 100 by default).
    static func scaled(_ count: Int) -> Int {
        let percent = ProcessInfo.processInfo.environment["MESSAGER_POOL_SCALE"].flatMap(Int.init) ?? 100
        return max(1, count * percent / 100)
    }

    static func transfer(from: Address, to: Address, attoFIL: Int = 1) -> Message {
        Message(to: to, from: from, nonce: 0, value: TokenAmount(attoFIL: attoFIL), gasLimit: 0, gasFeeCap: .zero, gasPremium: .zero)
    }

    @Test(.enabled(if: built, "sophon-messager, venus, sophon-auth, sophon-gateway and venus-wallet must be built"))
    func aThousandMessagesOfThreeAddressesOfTwoUsersLandWithConsecutiveNonces() async throws {
        try await Self.withPool("messager-pool") { running, _ in try await Self.exerciseThousand(running) }
    }

    static func exerciseThousand(_ running: Pool) async throws {
        let admin = RPCHTTPClient(url: running.messager.url, token: running.messager.adminToken)
        // 100 in flight per address per head, the most the messager allows.
        _ = try await admin.call(MessagerAPI.setSharedParams, .init(SharedSpec(id: 1, selMsgNum: 100)))
        let recipient = running.devnet.miners[0]
        let plan: [(RPCHTTPClient, Address, Int)] = [
            (running.clientA, running.addressesA[0], scaled(400)), (running.clientA, running.addressesA[1], scaled(300)),
            (running.clientB, running.addressB, scaled(300)),
        ]
        var ids: [Address: [String]] = [:]
        for (client, from, count) in plan {
            for index in 0..<count {
                let id = try await client.call(
                    MessagerAPI.pushMessage, .init(transfer(from: from, to: recipient, attoFIL: index + 1), nil))
                ids[from, default: []].append(id)
            }
        }

        // Bad input is refused and loses nothing: another user's address, a negative value.
        await #expect(throws: (any Error).self) {
            _ = try await running.clientA.call(MessagerAPI.pushMessage, .init(transfer(from: running.addressB, to: recipient), nil))
        }
        await #expect(throws: (any Error).self) {
            _ = try await running.clientB.call(
                MessagerAPI.pushMessage, .init(transfer(from: running.addressB, to: recipient, attoFIL: -1), nil))
        }

        let total = plan.reduce(0) { $0 + $1.2 }
        let onChain = MsgQueryParams(state: [.onChainMsg], from: [], byUpdateAt: nil, asc: true, limit: 0, offset: 0)
        try await waitUntil("all \(total) messages on chain", within: .seconds(600), poll: .milliseconds(500)) {
            try await admin.call(MessagerAPI.listMessage, .init(onChain)).count == total
        }

        let chain = RPCHTTPClient(url: running.node.url, token: running.node.adminToken)
        for (client, from, count) in plan {
            let landed = try await client.call(
                MessagerAPI.listMessage,
                .init(MsgQueryParams(state: [], from: [from], byUpdateAt: nil, asc: true, limit: 0, offset: 0)))
            #expect(landed.count == count)
            #expect(landed.allSatisfy { $0.state == .onChainMsg && $0.receipt?.exitCode == 0 }, "\(from)")
            // Consecutive nonces from the account's first, each message exactly once.
            #expect(landed.map(\.message.nonce).sorted() == (0..<UInt64(count)).map { $0 }, "\(from)")
            // Pushed order kept within the address.
            let byID = Dictionary(uniqueKeysWithValues: landed.map { ($0.id, $0.message.nonce) })
            #expect(ids[from, default: []].map { byID[$0] } == (0..<UInt64(count)).map { Optional($0) }, "\(from)")
            let actor = try await chain.call(FullNodeAPI.stateGetActor, .init(from, .empty))
            #expect(actor.nonce == UInt64(count))
            let address = try await client.call(MessagerAPI.getAddress, .init(from))
            #expect(address.nonce == UInt64(count))
        }

        // One user cannot read or list the other's messages.
        let someB = try #require(ids[running.addressB]?.first)
        await #expect(throws: (any Error).self) {
            _ = try await running.clientA.call(MessagerAPI.getMessageByUid, .init(someB))
        }
        let seenByA = try await running.clientA.call(MessagerAPI.listMessage, .init(onChain))
        #expect(seenByA.count == plan[0].2 + plan[1].2 && seenByA.allSatisfy { running.addressesA.contains($0.message.from) })
        let waited = try await running.clientB.call(MessagerAPI.waitMessage, .init(someB, 1))
        #expect(waited.state == .onChainMsg && waited.confidence >= 1)
    }

    /// Runs `body` on a started pool with the producer running; stops everything after, and on
    /// failure records the messager's and the node's log tails.
    static func withPool(_ name: String, _ body: (inout Pool, inout Task<Void, any Error>) async throws -> Void) async throws {
        let root = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var running = try await Self.start(root: root)
        let producer = running.producer
        var producing = Task { try await producer.run(messages: .pool) }
        do {
            try await body(&running, &producing)
        } catch {
            producing.cancel()
            await running.pool.stopAll(grace: .seconds(2))
            let logs = running.pool.processes.filter { ["sophon-messager", "venus"].contains($0.name) }
            let tails = logs.map { "--- \($0.name)\n\($0.logTail(lines: 40))" }.joined(separator: "\n")
            Issue.record("\(error)\n\(tails)")
            return
        }
        producing.cancel()
        _ = try? await producing.value
        await running.pool.stopAll(grace: .seconds(10))
    }

    /// Waits until every message of `ids` is on chain, through `client`.
    static func waitOnChain(_ ids: [String], client: RPCHTTPClient, within limit: Duration = .seconds(300)) async throws
        -> [MessagerMessage]
    {
        try await eventually("\(ids.count) messages on chain", within: limit, poll: .milliseconds(500)) {
            var landed: [MessagerMessage] = []
            for id in ids {
                let message = try await client.call(MessagerAPI.getMessageByUid, .init(id))
                guard message.state == .onChainMsg else { return nil }
                landed.append(message)
            }
            return landed
        }
    }

    @Test(.enabled(if: built, "sophon-messager, venus, sophon-auth, sophon-gateway and venus-wallet must be built"))
    func aMessagerKilledMidBurstLosesNoAcknowledgedMessageAndLeavesNoGap() async throws {
        try await Self.withPool("messager-kill") { running, _ in
            let from = running.addressB
            let recipient = running.devnet.miners[0]
            // A burst from a second task; the messager is killed once 40 are acknowledged.
            let client = running.clientB
            let burst = Task {
                var acknowledged: [String] = []
                for index in 0..<400 {
                    do {
                        acknowledged.append(
                            try await client.call(MessagerAPI.pushMessage, .init(Self.transfer(from: from, to: recipient, attoFIL: index + 1), nil)))
                    } catch {
                        break
                    }
                }
                return acknowledged
            }
            try await waitUntil("40 messages acknowledged", within: .seconds(120)) {
                (try? await client.call(
                    MessagerAPI.listMessage,
                    .init(MsgQueryParams(state: [], from: [from], byUpdateAt: nil, asc: true, limit: 0, offset: 0))).count) ?? 0 >= 40
            }
            running.messager.process.signal(SIGKILL)
            let before = await burst.value
            #expect(before.count >= 40 && before.count < 400, "the burst ran \(before.count) pushes")

            running.messager = try await running.pool.startMessager(
                node: running.node, gateway: running.gateway, gatewayToken: running.serviceToken, auth: running.auth,
                extraArguments: ["--head-settle", "0s"])
            let restarted = RPCHTTPClient(url: running.messager.url, token: running.tokenB)
            var after: [String] = []
            for index in 0..<50 {
                after.append(
                    try await restarted.call(
                        MessagerAPI.pushMessage, .init(Self.transfer(from: from, to: recipient, attoFIL: 1_000 + index), nil)))
            }
            let acknowledged = before + after
            _ = try await Self.waitOnChain(acknowledged, client: restarted)
            // The push in flight at the kill may have been stored without its answer reaching the
            // client: the messager then holds one message more than was acknowledged, and it must
            // land like the others. Every message it holds is on chain, with nonces 0, 1, 2, ...
            let all = try await eventually("every held message on chain", within: .seconds(120), poll: .milliseconds(500)) {
                let held = try await restarted.call(
                    MessagerAPI.listMessage, .init(MsgQueryParams(state: [], from: [from], byUpdateAt: nil, asc: true, limit: 0, offset: 0)))
                return held.allSatisfy { $0.state == .onChainMsg } ? held : nil
            }
            #expect(Set(acknowledged).isSubset(of: Set(all.map(\.id))), "every acknowledged message is held")
            #expect(all.count - acknowledged.count <= 1, "\(all.count) held, \(acknowledged.count) acknowledged")
            #expect(all.map(\.message.nonce).sorted() == (0..<UInt64(all.count)).map { $0 }, "no gap, no nonce given twice")
            let chain = RPCHTTPClient(url: running.node.url, token: running.node.adminToken)
            let actor = try await chain.call(FullNodeAPI.stateGetActor, .init(from, .empty))
            #expect(actor.nonce == UInt64(all.count), "the chain's nonce follows the held messages")
        }
    }

    @Test(.enabled(if: built, "sophon-messager, venus, sophon-auth, sophon-gateway and venus-wallet must be built"))
    func messagesOfAReorganisedChainGoBackAndLandAgain() async throws {
        try await Self.withPool("messager-reorg") { running, producing in
            let from = running.addressesA[0]
            let recipient = running.devnet.miners[1]
            var ids: [String] = []
            for index in 0..<30 {
                ids.append(
                    try await running.clientA.call(
                        MessagerAPI.pushMessage, .init(Self.transfer(from: from, to: recipient, attoFIL: index + 1), nil)))
            }
            let first = try await Self.waitOnChain(ids, client: running.clientA)
            producing.cancel()
            _ = try? await producing.value

            // A heavier fork from before the messages were included, carrying none of them.
            let chain = RPCHTTPClient(url: running.node.url, token: running.node.adminToken)
            let lowest = try #require(first.map(\.height).min())
            let base = try await chain.call(FullNodeAPI.chainGetTipSetByHeight, .init(max(0, lowest - 3), .empty))
            try await running.producer.fork(from: base)
            let forkHead = try await chain.call(FullNodeAPI.chainHead)
            #expect(!first.contains { $0.tipSetKey == forkHead.key })

            try await waitUntil("the messager saw the reorganisation", within: .seconds(60)) {
                let events = try await running.clientA.call(MessagerAPI.listMessageEvents, .init(ids[0]))
                return events.contains { $0.kind == "reverted" }
            }
            let producer = running.producer
            producing = Task { try await producer.run(messages: .pool) }
            let again = try await Self.waitOnChain(ids, client: running.clientA)
            for message in again {
                let atHeight = try await chain.call(FullNodeAPI.chainGetTipSetByHeight, .init(message.height, .empty))
                #expect(atHeight.key == message.tipSetKey, "\(message.id) is recorded on the current chain")
            }
            #expect(again.map(\.message.nonce).sorted() == (0..<30).map { UInt64($0) })
        }
    }
}
