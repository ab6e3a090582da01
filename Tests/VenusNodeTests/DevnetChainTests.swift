import Chain
import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat
import JSONRPC
import Testing
import VenusAPI
import VenusNode
import VenusRuntime
import VenusTesting

/// The node's chain moved only through its API, as the pool's services move it: blocks made with
/// `MinerGetBaseInfo` + `MinerCreateBlock` + `SyncSubmitBlock` by two presealed miners whose keys
/// the node does not hold; a transfer pushed to the pool, included, and found by `StateWaitMsg`;
/// a heavier fork taking over, reported by `ChainNotify` as a revert and an apply.
@Suite struct DevnetChainTests {
    struct Running {
        let devnet: DevnetTestGenesis
        let client: RPCHTTPClient
        let port: Int
        let token: String
        let producer: DevnetBlockProducer
        let node: ChainNode
        let root: String
    }

    static func withNode(_ body: (Running) async throws -> Void) async throws {
        let root = NSTemporaryDirectory() + "venus-devnet-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let devnet = try DevnetTestGenesis(folder: root)
        let repo = try RepoDirectory(path: root + "/repo")
        var config = NodeConfig()
        config.network.genesis = devnet.genesisFile
        let server = try NodeServer(host: try ServiceHost(name: "venus", repo: repo), config: config)
        let chain = try await server.openChain()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await server.run(chain: chain, listen: HostPort(host: "127.0.0.1", port: 0), onReady: { continuation.yield($0) })
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                Issue.record("the node did not start")
                return
            }
            defer { tasks.cancelAll() }
            let token = try repo.readToken()
            let client = RPCHTTPClient(url: "http://127.0.0.1:\(port)/rpc/v1", token: token)
            let producer = DevnetBlockProducer(client: client, devnet: devnet)
            try await body(Running(
                devnet: devnet, client: client, port: port, token: token, producer: producer, node: chain, root: root))
        }
    }

    @Test func blocksFromTheAPIAdvanceTheChainAndATransferLands() async throws {
        try await Self.withNode { node in
            let client = node.client
            let genesis = try await client.call(FullNodeAPI.chainHead)
            #expect(genesis.height == 0)
            #expect(genesis.cids == [node.devnet.genesisCID])

            // Three tipsets, each the head once submitted; the node holds neither worker key, so
            // every block it assembled came back unsigned and was signed here.
            var heights: [Int64] = []
            for _ in 0..<3 {
                let blocks = try await node.producer.mineNext()
                let head = try await client.call(FullNodeAPI.chainHead)
                #expect(Set(head.cids) == Set(blocks.map(\.header.cid)))
                heights.append(head.height)
            }
            #expect(heights == heights.sorted() && Set(heights).count == 3)

            // A transfer from the first miner's owner to the second's, gas estimated by the node.
            let from = node.devnet.keys[0], to = node.devnet.keys[1].address
            let before = try await client.call(FullNodeAPI.walletBalance, .init(to))
            let value = TokenAmount(wholeFIL: 7)
            var message = Message(to: to, from: from.address, nonce: 0, value: value, gasLimit: 0, gasFeeCap: .zero, gasPremium: .zero)
            message.nonce = try await client.call(FullNodeAPI.mpoolGetNonce, .init(from.address))
            message = try await client.call(FullNodeAPI.gasEstimateMessageGas, .init(message, nil, TipSetKey([])))
            #expect(message.gasLimit > 0)
            let signed = SignedMessage(message: message, signature: try from.sign(message.cid.bytes))
            let cid = try await client.call(FullNodeAPI.mpoolPush, .init(signed))
            #expect(try await client.call(FullNodeAPI.mpoolPending, .init(TipSetKey([]))).map(\.cid).contains(cid))

            // The producer includes what the pool selects; the message is found once executed.
            let head = try await client.call(FullNodeAPI.chainHead)
            let selected = try await client.call(FullNodeAPI.mpoolSelect, .init(head.key, 1.0))
            #expect(selected.map(\.cid) == [cid])
            try await node.producer.mineNext(messages: .explicit(selected))
            try await node.producer.mineNext()
            let lookup = try #require(try await client.call(FullNodeAPI.stateWaitMsg, .init(cid, 1, -1, true)))
            #expect(lookup.receipt.exitCode == 0)
            #expect(lookup.receipt.gasUsed > 0 && lookup.receipt.gasUsed <= message.gasLimit)
            let after = try await client.call(FullNodeAPI.walletBalance, .init(to))
            #expect(after == before + value)
            #expect(try await client.call(FullNodeAPI.mpoolGetNonce, .init(from.address)) == message.nonce + 1)
            #expect(try await client.call(FullNodeAPI.mpoolPending, .init(TipSetKey([]))).isEmpty)
        }
    }

    @Test func anExportedChainStartsAnotherNodeOnTheSameHead() async throws {
        try await Self.withNode { node in
            for _ in 0..<4 { try await node.producer.mineNext() }
            let head = try await node.client.call(FullNodeAPI.chainHead)
            let car = try ChainExport.exportBytes(head: head, recentRoots: 2, store: node.node.chain.blockstore)
            let file = node.root + "/export.car"
            try Data(car).write(to: URL(fileURLWithPath: file))

            let repo = try RepoDirectory(path: node.root + "/imported")
            try FileManager.default.createDirectory(atPath: repo.path, withIntermediateDirectories: true)
            let imported = try await ChainNode.open(repo: repo, network: NodeConfig.Network(), source: .snapshot(file))
            #expect(try await imported.chain.requireHead() == head)
            #expect(try await imported.chain.genesis().cid == node.devnet.genesisCID)
            // The recent states came along: the head's parent state answers for the miners.
            let miner = try await imported.states.actor(node.devnet.miners[1], at: head)
            #expect(miner?.code == (try await node.node.states.actor(node.devnet.miners[1], at: head))?.code)
        }
    }

    @Test func badBlocksAndMessagesAreRefusedAndChangeNothing() async throws {
        try await Self.withNode { node in
            let client = node.client
            let genesis = try await client.call(FullNodeAPI.chainHead)
            var winners: [FullNodeAPI.BlockMsg] = []
            var round: Int64 = 0
            while winners.isEmpty, round < 40 {
                round += 1
                winners = try await node.producer.blocks(round: round, base: genesis)
            }
            let good = try #require(winners.first)

            // A signature by another key, a wrong parent weight (resigned), an unknown message.
            let otherKey = try #require(node.devnet.keys.first { GenesisBuilder.minerAddress(index: node.devnet.keys.firstIndex(of: $0) ?? 0) != good.header.miner })
            var forged = good
            forged.header.blockSig = try otherKey.sign(forged.header.signingBytes)
            var heavier = good
            heavier.header.parentWeight += 1
            let worker = try #require(node.devnet.keys.first { $0 != otherKey })
            heavier.header.blockSig = try worker.sign(heavier.header.signingBytes)
            var missing = good
            missing.secpkMessages = [node.devnet.genesisCID]
            for bad in [forged, heavier, missing] {
                await #expect(throws: RPCError.self) { _ = try await client.call(FullNodeAPI.syncSubmitBlock, .init(bad)) }
                #expect(try await client.call(FullNodeAPI.chainHead) == genesis)
            }
            // A block refused for good is remembered: the same block is refused again at once.
            await #expect(throws: RPCError.self) { _ = try await client.call(FullNodeAPI.syncSubmitBlock, .init(heavier)) }
            let state = try await client.call(FullNodeAPI.syncState)
            #expect(state.activeSyncs.first?.stage == .syncErrored)

            // A message with a bad signature, or from the network with a nonce far ahead (a local
            // push may leave a gap, as in Lotus), leaves the pool as it was.
            let from = node.devnet.keys[0]
            let message = Message(
                to: node.devnet.keys[1].address, from: from.address, nonce: 0, value: TokenAmount(attoFIL: 1),
                gasLimit: 1_000_000, gasFeeCap: TokenAmount(attoFIL: 1_000_000), gasPremium: TokenAmount(attoFIL: 1_000))
            let wronglySigned = SignedMessage(message: message, signature: try node.devnet.keys[1].sign(message.cid.bytes))
            var gapped = message
            gapped.nonce = 50
            await #expect(throws: RPCError.self) { _ = try await client.call(FullNodeAPI.mpoolPush, .init(wronglySigned)) }
            let gappedSigned = SignedMessage(message: gapped, signature: try from.sign(gapped.cid.bytes))
            await #expect(throws: RPCError.self) { _ = try await client.call(FullNodeAPI.mpoolPushUntrusted, .init(gappedSigned)) }
            #expect(try await client.call(FullNodeAPI.mpoolPending, .init(TipSetKey([]))).isEmpty)

            // The untouched block is still accepted.
            _ = try await client.call(FullNodeAPI.syncSubmitBlock, .init(good))
            #expect(try await client.call(FullNodeAPI.chainHead).cids.contains(good.header.cid))
        }
    }

    @Test func aHeavierForkReorganisesTheHeadAndChainNotifyReportsIt() async throws {
        try await Self.withNode { node in
            let client = node.client
            let socket = try await RPCWebSocketClient.connect(
                url: "ws://127.0.0.1:\(node.port)/rpc/v1", configuration: .init(token: node.token))
            defer { socket.close() }
            var notes = try await socket.subscribe(FullNodeAPI.chainNotify, NoParams()).makeAsyncIterator()
            let current = try #require(try await notes.next())
            #expect(current.map(\.type) == [.current])
            let genesis = try await client.call(FullNodeAPI.chainHead)

            // One miner's block on the genesis becomes the head.
            let first = try await node.producer.mineNext(on: genesis, only: [node.devnet.miners[0]])
            let firstKey = TipSetKey(first.map(\.header.cid))
            #expect(try await client.call(FullNodeAPI.chainHead).key == firstKey)

            // The other miner builds two tipsets on the genesis, skipping the first's round: two
            // tipsets outweigh one, whatever the win counts, so the head moves to the fork.
            let round = first[0].header.height
            var forkBase = genesis
            var forkKeys: [TipSetKey] = []
            for offset in 1...40 where forkKeys.count < 2 {
                let height = round + Int64(offset)
                let blocks = try await node.producer.blocks(round: height, base: forkBase, only: [node.devnet.miners[1]])
                guard !blocks.isEmpty else { continue }
                for block in blocks { _ = try await client.call(FullNodeAPI.syncSubmitBlock, .init(block)) }
                forkBase = try await client.call(FullNodeAPI.chainGetTipSet, .init(TipSetKey(blocks.map(\.header.cid))))
                forkKeys.append(forkBase.key)
            }
            try #require(forkKeys.count == 2)
            #expect(try await client.call(FullNodeAPI.chainHead).key == forkKeys[1])

            // ChainNotify: first applied, then reverted for the fork's tipsets, applied oldest first.
            var reverted: [TipSetKey] = [], applied: [TipSetKey] = []
            while applied.last != forkKeys[1] {
                let batch = try #require(try await notes.next())
                for change in batch {
                    if change.type == .revert { reverted.append(change.value.key) }
                    if change.type == .apply { applied.append(change.value.key) }
                }
            }
            #expect(reverted == [firstKey])
            #expect(applied.first == firstKey)
            #expect(Array(applied.suffix(2)) == forkKeys)
        }
    }
}
