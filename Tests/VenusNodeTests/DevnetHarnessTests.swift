import BigInt
import Chain
import DagCBOR
import FilecoinTypes
import Foundation
import JSONRPC
import Testing
import VenusAPI
import VenusPool
import VenusTesting

/// The shared devnet harness against the real `venus daemon` process started through
/// `LocalPool`: a genesis with miners of unequal power and funded test accounts, blocks from the
/// node's own pool, `advance(epochs:)`, null rounds, a heavier fork from an older base, and the
/// background loop taking a pushed message on chain.
@Suite struct DevnetHarnessTests {
    static let venus = "venus"

    /// A transfer of `value` from `key` to `to`, gas estimated by the node, signed and pushed
    /// with `MpoolPush`; returns the CID the node files it under.
    static func push(_ value: TokenAmount, from key: GenesisKey, to: Address, api: some RPCClient) async throws -> CID {
        var message = Message(to: to, from: key.address, nonce: 0, value: value, gasLimit: 0, gasFeeCap: .zero, gasPremium: .zero)
        message.nonce = try await api.call(FullNodeAPI.mpoolGetNonce, .init(key.address))
        message = try await api.call(FullNodeAPI.gasEstimateMessageGas, .init(message, nil, .empty))
        return try await api.call(FullNodeAPI.mpoolPush, .init(try key.signedMessage(message)))
    }

    /// The receipt of `cid` once some tipset on the head's chain has executed it.
    static func executed(_ cid: CID, api: some RPCClient) async throws -> FullNodeAPI.MsgLookup {
        try await eventually("\(cid) executed on chain") {
            try await api.call(FullNodeAPI.stateSearchMsg, .init(.empty, cid, -1, true))
        }
    }

    @Test(.enabled(if: BuiltExecutable.available(venus), "the venus executable is not built"))
    func theHarnessDrivesARealDaemon() async throws {
        let executable = try #require(BuiltExecutable.url(Self.venus), "the venus executable is not built")
        let root = NSTemporaryDirectory() + "venus-harness-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let devnet = try DevnetTestGenesis(folder: root + "/genesis", sectorCounts: [1, 2], testAccounts: [.secp256k1, .bls])
        let pool = try LocalPool(binDirectory: executable.deletingLastPathComponent().path, root: root)
        do {
            try await Self.exercise(devnet: devnet, pool: pool)
        } catch {
            await pool.stopAll(grace: .seconds(2))
            throw error
        }
        await pool.stopAll(grace: .seconds(10))
        #expect(pool.processes.allSatisfy { $0.exitStatus == 0 }, "\(pool.processes.map { $0.logTail() })")
    }

    static func exercise(devnet: DevnetTestGenesis, pool: LocalPool) async throws {
        let node = try await pool.startVenus(genesis: devnet.genesisFile, blockDelaySeconds: devnet.blockDelaySeconds)
        let api = RPCHTTPClient(url: node.url, token: node.adminToken)
        let producer = DevnetBlockProducer(url: node.url, token: node.adminToken, devnet: devnet)
        let genesis = try await api.call(FullNodeAPI.chainHead)
        #expect(genesis.cids == [devnet.genesisCID])
        #expect(try await api.call(FullNodeAPI.stateNetworkName) == devnet.networkName)
        let secp = try #require(devnet.testKey(.secp256k1))
        let bls = try #require(devnet.testKey(.bls))
        #expect(secp.address.protocol == .secp256k1 && bls.address.protocol == .bls)
        for key in devnet.testKeys {
            #expect(try await api.call(FullNodeAPI.walletBalance, .init(key.address)) == DevnetTestGenesis.defaultTestAccountBalance)
        }
        // Powers 1:2, as the sector counts asked.
        let powers = try await devnet.miners.asyncMap {
            try #require(try await api.call(FullNodeAPI.minerGetBaseInfo, .init($0, 1, genesis.key))).minerPower.value
        }
        #expect(powers[1] == 2 * powers[0] && powers[0] > 0)

        // (b) Transfers from both test accounts, pushed to the node's pool, land in the tipset the
        // producer makes from the pool (MpoolSelect or MpoolSelects per winner); the next one
        // executes them.
        let recipient = devnet.keys[0].address
        let before = try await api.call(FullNodeAPI.walletBalance, .init(recipient))
        let value = TokenAmount(wholeFIL: 5)
        let pushed = [
            try await push(value, from: secp, to: recipient, api: api), try await push(value, from: bls, to: recipient, api: api),
        ]
        // Where both miners win a round, each block gets its own selection (MpoolSelects): none
        // repeats a message of another, and together they carry the pool (assembled only).
        var round = genesis.height
        var pair: [FullNodeAPI.BlockMsg] = []
        while pair.count < 2, round < genesis.height + 40 {
            round += 1
            pair = try await producer.blocks(round: round, base: try await api.call(FullNodeAPI.chainHead), messages: .pool)
        }
        try #require(pair.count == 2, "no round in 40 won by both miners")
        let carried = pair.map { $0.blsMessages + $0.secpkMessages }
        #expect(Set(carried[0]).isDisjoint(with: carried[1]))
        #expect(Set(carried.joined()) == Set(pushed))

        let blocks = try await producer.mineNext()
        let included = Set(blocks.flatMap { $0.blsMessages + $0.secpkMessages })
        #expect(included == Set(pushed))
        #expect(try await api.call(FullNodeAPI.chainHead).key == (try TipSet(blocks: blocks.map(\.header))).key)
        try await producer.mineNext()
        for cid in pushed {
            let lookup = try await executed(cid, api: api)
            #expect(lookup.receipt.exitCode == 0)
            #expect(lookup.height >= blocks[0].header.height)
        }
        #expect(try await api.call(FullNodeAPI.walletBalance, .init(recipient)) == before + value + value)
        #expect(try await api.call(FullNodeAPI.mpoolPending, .init(.empty)).isEmpty)

        // (c) advance(epochs: 5): five tipsets, each on the one before; the head's height moves by
        // five plus the rounds nobody won.
        let start = try await api.call(FullNodeAPI.chainHead)
        let made = try await producer.advance(epochs: 5)
        try #require(made.count == 5)
        let head = try await api.call(FullNodeAPI.chainHead)
        #expect(head.key == made[4].key)
        var parent = start
        var nullRounds: Int64 = 0
        for tipset in made {
            #expect(tipset.parents == parent.key)
            nullRounds += tipset.height - parent.height - 1
            parent = tipset
        }
        #expect(head.height == start.height + 5 + nullRounds)

        // (d) Null rounds: at least two empty rounds, then a tipset on the head.
        let beforeNull = head
        let afterNull = try TipSet(blocks: try await producer.mineNext(nullRounds: 2).map(\.header))
        #expect(afterNull.parents == beforeNull.key)
        #expect(afterNull.height >= beforeNull.height + 3)
        #expect(try await api.call(FullNodeAPI.chainHead).key == afterNull.key)

        // (e) A fork from an older base outweighs the chain and becomes the head; the old head is
        // no longer on the head's chain. Weights as blocks on each tip would carry them: the
        // fork's is the greater.
        let oldHead = afterNull
        let base = made[1]
        let fork = try await producer.fork(from: base)
        let forkHead = try await api.call(FullNodeAPI.chainHead)
        #expect(forkHead.key == fork.last?.key)
        #expect(fork.first?.parents == base.key)
        #expect(fork.first.map { $0.height > oldHead.height } == true)
        let onHeadChain = try await api.call(FullNodeAPI.chainGetTipSetByHeight, .init(oldHead.height, forkHead.key))
        #expect(onHeadChain.key != oldHead.key)
        let weightOfOld = try await Self.weight(of: oldHead, producer: producer)
        let weightOfFork = try await Self.weight(of: forkHead, producer: producer)
        #expect(weightOfFork > weightOfOld)

        // (c) The background loop: a message pushed while it runs is taken from the pool and
        // executed, and the loop ends when cancelled.
        let loopStart = try await api.call(FullNodeAPI.chainHead)
        let loop = Task { try await producer.run() }
        let late = try await push(value, from: secp, to: recipient, api: api)
        let lookup = try await executed(late, api: api)
        #expect(lookup.receipt.exitCode == 0)
        #expect(lookup.height > loopStart.height)
        loop.cancel()
        // Returns once the loop has stopped (a cancelled loop ends without an error).
        try await loop.value
    }

    /// The weight of `tipset`: the parent weight of a block a miner would make on it (assembled,
    /// not submitted).
    static func weight(of tipset: TipSet, producer: DevnetBlockProducer) async throws -> BigInt {
        try #require(try await producer.nextBlocks(on: tipset).first).header.parentWeight
    }
}
