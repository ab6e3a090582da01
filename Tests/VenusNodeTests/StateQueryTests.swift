import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import GoCompat
import Foundation
import JSONRPC
import Testing
import VenusAPI
import VenusNode
import VenusRuntime

/// The `State*` queries over HTTP on the node's own devnet: one presealed miner t01000 with two
/// 2 KiB sectors, its owner/worker key in the repo. Expected values come from the preseal (made
/// again from the repo's key: the same CommR, CommD and deals), the key file, the policy
/// constants, and the chain's own randomness and beacon code run on the node's chain.
@Suite struct StateQueryTests {
    struct Devnet {
        let chain: ChainNode
        let v0: RPCHTTPClient
        let v1: RPCHTTPClient
        let key: GenesisKey
        let preseal: GenesisMiner
    }

    static let miner = Address.idAddress(1000)
    static let head = TipSetKey.empty

    static func withDevnet(_ body: (Devnet) async throws -> Void) async throws {
        let repo = try RepoDirectory(path: NSTemporaryDirectory() + "venus-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let server = try NodeServer(host: try ServiceHost(name: "venus", repo: repo), config: NodeConfig())
        let chain = try await server.openChain()
        let keyText = try String(contentsOfFile: repo.file(ChainNode.devnetKeyFileName), encoding: .utf8)
        let key = try GenesisKey(lotusKeyFileText: keyText)
        let preseal = try Preseal.make(
            miner: miner, sectorSize: 2048, sectorCount: DevnetGenesis.defaultSectorCount, key: key,
            networkVersion: NodeConfig.Network().networkVersion
        ).miner
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
            try await body(
                Devnet(
                    chain: chain, v0: RPCHTTPClient(url: "http://127.0.0.1:\(port)/rpc/v0", token: token),
                    v1: RPCHTTPClient(url: "http://127.0.0.1:\(port)/rpc/v1", token: token), key: key, preseal: preseal))
        }
    }

    @Test func theMinerIsThePresealedOneWithItsKeySectorsAndPower() async throws {
        try await Self.withDevnet { net in
            let v1 = net.v1
            let info = try await v1.call(FullNodeAPI.stateMinerInfo, .init(Self.miner, Self.head))
            // Owner and worker are the key file's account, by its ID address.
            #expect(info.owner == info.worker)
            #expect(try await v1.call(FullNodeAPI.stateAccountKey, .init(info.owner, Self.head)) == net.key.address)
            #expect(try await v1.call(FullNodeAPI.stateLookupID, .init(net.key.address, Self.head)) == info.owner)
            #expect(info.sectorSize == 2048)
            #expect(info.windowPoStPartitionSectors == 2)
            #expect(info.windowPoStProofType == 5)  // StackedDrgWindow2KiBV1, from the 2 KiB seal proof
            #expect(info.newWorker == nil && info.workerChangeEpoch == -1)
            #expect(info.consensusFaultElapsed == -1)
            #expect(info.peerId == Multibase.base58Encode(Preseal.dummyPeerID(for: net.key.address)))
            // v2 miners have no beneficiary: Lotus's undefined address and a zero term, on the wire.
            #expect(info.beneficiary == nil && info.pendingOwnerAddress == nil)
            #expect(info.beneficiaryTerm == .init(quota: .zero, usedQuota: .zero, expiration: 0))
            let raw = try await v1.post(
                Data(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.StateMinerInfo","params":["t01000",[]]}"#.utf8))
            let json = try JSONSerialization.jsonObject(with: raw) as? [String: Any]
            let result = json?["result"] as? [String: Any]
            #expect(result?["Beneficiary"] as? String == "<empty>")
            #expect(result?["NewWorker"] as? String == "<empty>")
            let term = result?["BeneficiaryTerm"] as? [String: Any]
            #expect(term?["Quota"] as? String == "0" && term?["UsedQuota"] as? String == "0")
            #expect(term?["Expiration"] as? Int == 0 && term?.count == 3)
            #expect(result?["SectorSize"] as? Int == 2048)

            let power = try await v1.call(FullNodeAPI.stateMinerPower, .init(Self.miner, Self.head))
            #expect(power.minerPower.rawBytePower == 4096)
            // Genesis makes every preseal deal verified (as Lotus's does): quality 10.
            #expect(power.minerPower.qualityAdjPower == 40960)
            #expect(power.totalPower == power.minerPower)  // the only miner
            #expect(power.hasMinPower)  // 2 KiB is the 2k devnet's minimum
            let nobody = try await v1.call(FullNodeAPI.stateMinerPower, .init(Address.idAddress(9999), Self.head))
            #expect(nobody.minerPower == FullNodeAPI.Claim(rawBytePower: 0, qualityAdjPower: 0))
            #expect(nobody.totalPower == power.totalPower && !nobody.hasMinPower)

            // The sectors: the preseal's, listed whole, by number, and one by one.
            let sectors = try await v1.call(FullNodeAPI.stateMinerSectors, .init(Self.miner, nil, Self.head))
            #expect(sectors.map(\.sectorNumber) == [0, 1])
            #expect(sectors.map(\.sealedCID) == net.preseal.sectors.map(\.commR))
            #expect(sectors.allSatisfy { $0.sealProof == 0 && $0.expiration > $0.activation })
            for sector in sectors {
                let alone = try await v1.call(FullNodeAPI.stateSectorGetInfo, .init(Self.miner, sector.sectorNumber, Self.head))
                #expect(alone == sector)
                // Proven, so no longer pre-committed.
                #expect(try await v1.call(FullNodeAPI.stateSectorPreCommitInfo, .init(Self.miner, sector.sectorNumber, Self.head)) == nil)
            }
            let second = try await v1.call(FullNodeAPI.stateMinerSectors, .init(Self.miner, try Bitfield([1]), Self.head))
            #expect(second == [sectors[1]])
            #expect(try await v1.call(FullNodeAPI.stateSectorGetInfo, .init(Self.miner, 7, Self.head)) == nil)
            let missing = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateMinerSectors, .init(Self.miner, try Bitfield([0, 7]), Self.head))
            }
            #expect(missing?.message == "can't find sector 7")

            let available = try await v1.call(FullNodeAPI.stateMinerAvailableBalance, .init(Self.miner, Self.head))
            let actor = try await v1.call(FullNodeAPI.stateGetActor, .init(Self.miner, Self.head))
            #expect(!available.isNegative && available <= actor.balance)
        }
    }

    @Test func deadlinesAndPartitionsHoldBothSectorsInTheProvingPeriod() async throws {
        try await Self.withDevnet { net in
            let v1 = net.v1
            let deadlines = try await v1.call(FullNodeAPI.stateMinerDeadlines, .init(Self.miner, Self.head))
            #expect(deadlines.count == 48)
            #expect(deadlines.allSatisfy { $0.postSubmissions.isEmpty && $0.disputableProofCount == 0 })
            var all = Bitfield(), live = Bitfield(), faulty = Bitfield()
            for index in 0..<UInt64(deadlines.count) {
                for partition in try await v1.call(FullNodeAPI.stateMinerPartitions, .init(Self.miner, index, Self.head)) {
                    all = all.union(partition.allSectors)
                    live = live.union(partition.liveSectors)
                    faulty = faulty.union(partition.faultySectors)
                    #expect(partition.activeSectors.subtracting(partition.liveSectors).isEmpty)
                }
            }
            #expect(all == (try Bitfield([0, 1])))
            #expect(live == all && faulty.isEmpty)
            let beyond = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateMinerPartitions, .init(Self.miner, 48, Self.head))
            }
            #expect(beyond?.message.hasPrefix("failed to load the deadline") == true)

            let dl = try await v1.call(FullNodeAPI.stateMinerProvingDeadline, .init(Self.miner, Self.head))
            let height = try await v1.call(FullNodeAPI.chainHead, .init()).height
            #expect(dl.currentEpoch == height)
            #expect(dl.index < 48)
            #expect(dl.open == dl.periodStart + Int64(dl.index) * dl.wPoStChallengeWindow)
            #expect(dl.close == dl.open + 60 && dl.challenge == dl.open - 20 && dl.faultCutoff == dl.open - 70)
            #expect(dl.wPoStPeriodDeadlines == 48 && dl.wPoStProvingPeriod == 2880)
            // The next deadline not yet closed, in the current or the next proving period.
            #expect(dl.close > dl.currentEpoch)
            #expect(dl.periodStart <= dl.currentEpoch + dl.wPoStProvingPeriod)
        }
    }

    @Test func thePresealDealsAreInTheMarketAndTheEstimatesAreLotuss() async throws {
        try await Self.withDevnet { net in
            let v1 = net.v1
            let keyID = try await v1.call(FullNodeAPI.stateLookupID, .init(net.key.address, Self.head))
            for (id, sector) in net.preseal.sectors.enumerated() {
                let deal = try await v1.call(FullNodeAPI.stateMarketStorageDeal, .init(UInt64(id), Self.head))
                #expect(deal.proposal.pieceCID == sector.commD)
                #expect(deal.proposal.pieceSize == 2048)
                #expect(deal.proposal.provider == Self.miner)
                #expect([net.key.address, keyID].contains(deal.proposal.client))
                #expect(deal.proposal.label == String(decoding: sector.deal.label, as: UTF8.self))
                #expect(deal.proposal.verifiedDeal)  // Lotus's genesis verifies preseal deals
                #expect(deal.state.sectorStartEpoch == 0 && deal.state.slashEpoch == -1)
            }
            let unknown = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateMarketStorageDeal, .init(99, Self.head))
            }
            #expect(unknown?.message.hasPrefix("deal 99 not found") == true)

            let balance = try await v1.call(FullNodeAPI.stateMarketBalance, .init(Self.miner, Self.head))
            #expect(!balance.locked.isNegative && balance.locked <= balance.escrow)
            // By key address or by ID: the same entry.
            #expect(
                try await v1.call(FullNodeAPI.stateMarketBalance, .init(net.key.address, Self.head))
                    == (try await v1.call(FullNodeAPI.stateMarketBalance, .init(keyID, Self.head))))

            let bounds = try await v1.call(FullNodeAPI.stateDealProviderCollateralBounds, .init(2048, false, Self.head))
            #expect(bounds.max == TokenAmount(wholeFIL: 2_000_000_000))
            #expect(!bounds.min.isNegative && bounds.min <= bounds.max)

            #expect(try await v1.call(FullNodeAPI.stateVerifiedClientStatus, .init(net.key.address, Self.head)) == nil)
            let stranger = GenesisKey.generateBLS().address
            let notFound = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateVerifiedClientStatus, .init(stranger, Self.head))
            }
            #expect(notFound?.code == 11 && notFound?.message == "actor not found")

            // Pledge and deposit for a new committed-capacity sector, each with Lotus's 10%: the
            // deposit is 20 days of expected reward; the pledge would be that plus a share of the
            // supply, but on a 40 KiB network it hits its cap of 1 FIL per 32 GiB.
            let info = FullNodeAPI.SectorPreCommitInfo(
                sealProof: 0, sectorNumber: 2, sealedCID: net.preseal.sectors[0].commR, sealRandEpoch: 0,
                expiration: 200 * 2880)
            let deposit = try await v1.call(FullNodeAPI.stateMinerPreCommitDepositForPower, .init(Self.miner, info, Self.head))
            let pledge = try await v1.call(FullNodeAPI.stateMinerInitialPledgeCollateral, .init(Self.miner, info, Self.head))
            let cap = (1_000_000_000_000_000_000 / (32 << 30)) * 2048
            #expect(pledge == TokenAmount(attoFIL: cap * 110 / 100))
            #expect(deposit > pledge)
            var withDeal = info
            withDeal.dealIDs = [5]
            let noDeal = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateMinerInitialPledgeCollateral, .init(Self.miner, withDeal, Self.head))
            }
            #expect(noDeal?.message.contains("no such deal 5") == true)
            // Out-of-range input is refused, never trapped on.
            await #expect(throws: RPCError.self) { try await v1.call(FullNodeAPI.stateGetBeaconEntry, .init(.max)) }
            await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateSectorGetInfo, .init(Self.miner, .max, Self.head))
            }
            #expect(try await v1.call(FullNodeAPI.stateSectorPreCommitInfo, .init(Self.miner, .max, Self.head)) == nil)
        }
    }

    /// The balance and the estimates read the right actors' fields at the head's parent state, at
    /// the head's epoch, with Lotus's 10% on top (the formulas themselves are ChainState's, tested there).
    @Test func balancesAndEstimatesComeFromTheParentStateAtTheHeadsEpoch() async throws {
        try await Self.withDevnet { net in
            let head = try await net.chain.chain.requireHead()
            let store = net.chain.chain.blockstore
            let tree = try StateTreeView(root: head.parentStateRoot, store: store)
            func state<T: CBORDecodable>(_ address: Address, _ type: T.Type) throws -> (ActorState, T) {
                let actor = try #require(try tree.actor(at: address))
                return (actor, try T(cborBytes: try store.getRequired(actor.head)))
            }
            let actors = UnchargedActorStore(store)
            let (minerActor, miner) = try state(Self.miner, MinerState.self)
            let expectedAvailable =
                try miner.availableBalance(minerActor.balance, actorsVersion: 2)
                + (try miner.checkVestedFunds(actors, epoch: head.height))
            #expect(try await net.v1.call(FullNodeAPI.stateMinerAvailableBalance, .init(Self.miner, Self.head)) == expectedAvailable)

            let (_, power) = try state(BuiltinAddress.powerActor, PowerState.self)
            let (_, reward) = try state(BuiltinAddress.rewardActor, RewardState.self)
            let info = FullNodeAPI.SectorPreCommitInfo(
                sealProof: 0, sectorNumber: 2, sealedCID: net.preseal.sectors[0].commR, sealRandEpoch: 0, expiration: 300 * 2880)
            // A committed-capacity 2 KiB sector: QA power 2048 whatever its duration.
            let deposit = MinerMonies.preCommitDepositForPower(
                rewardEstimate: reward.thisEpochRewardSmoothed, networkQAPowerEstimate: power.thisEpochQAPowerSmoothed,
                qaSectorPower: 2048, actorsVersion: 2)
            #expect(
                try await net.v1.call(FullNodeAPI.stateMinerPreCommitDepositForPower, .init(Self.miner, info, Self.head))
                    == TokenAmount(attoFIL: deposit.attoFIL * 110 / 100))
            let supply = try await net.chain.states.circulatingSupplyDetail(epoch: head.height, stateRoot: head.parentStateRoot)
            let pledge = MinerMonies.initialPledgeForPower(
                qaPower: 2048, baselinePower: reward.thisEpochBaselinePower, rewardEstimate: reward.thisEpochRewardSmoothed,
                networkQAPowerEstimate: power.thisEpochQAPowerSmoothed, circulatingSupply: supply.circulating, actorsVersion: 2)
            #expect(
                try await net.v1.call(FullNodeAPI.stateMinerInitialPledgeCollateral, .init(Self.miner, info, Self.head))
                    == TokenAmount(attoFIL: pledge.attoFIL * 110 / 100))

            let bounds = MarketPolicy.dealProviderCollateralBounds(
                pieceSize: 1024, verified: true, networkRawPower: power.totalRawBytePower,
                networkQAPower: power.totalQualityAdjPower, baselinePower: reward.thisEpochBaselinePower,
                circulatingSupply: supply.circulating, networkVersion: NodeConfig.Network().networkVersion, actorsVersion: 2)
            let answer = try await net.v1.call(FullNodeAPI.stateDealProviderCollateralBounds, .init(1024, true, Self.head))
            #expect(answer.min == TokenAmount(attoFIL: bounds.min.attoFIL * 110 / 100) && answer.max == bounds.max)
        }
    }

    @Test func addressesMinersAndCalls() async throws {
        try await Self.withDevnet { net in
            let v1 = net.v1
            #expect(try await v1.call(FullNodeAPI.stateListMiners, .init(Self.head)) == [Self.miner])
            #expect(try await v1.call(FullNodeAPI.stateLookupID, .init(Self.miner, Self.head)) == Self.miner)
            let stranger = GenesisKey.generateBLS().address
            let unknown = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateLookupID, .init(stranger, Self.head))
            }
            #expect(unknown?.code == 11)
            // A key address is its own key; a miner actor has none.
            #expect(try await v1.call(FullNodeAPI.stateAccountKey, .init(net.key.address, Self.head)) == net.key.address)
            await #expect(throws: RPCError.self) { try await v1.call(FullNodeAPI.stateAccountKey, .init(Self.miner, Self.head)) }

            // A tipset the node does not have is refused; the head's own key reads what the empty key reads.
            let head = try await v1.call(FullNodeAPI.chainHead, .init())
            let bogus = TipSetKey([CID.filecoin(cbor: [0x80])])
            await #expect(throws: RPCError.self) { try await v1.call(FullNodeAPI.stateMinerInfo, .init(Self.miner, bogus)) }
            #expect(
                try await v1.call(FullNodeAPI.stateMinerInfo, .init(Self.miner, head.key))
                    == (try await v1.call(FullNodeAPI.stateMinerInfo, .init(Self.miner, Self.head))))

            // Not a miner, and no actor at all: Lotus's texts.
            let burnt = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateMinerInfo, .init(Address.idAddress(99), Self.head))
            }
            #expect(burnt?.message.hasPrefix("failed to load miner actor state: unknown actor code") == true)
            let absent = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateMinerInfo, .init(Address.idAddress(9999), Self.head))
            }
            #expect(absent?.message == "failed to load miner actor: actor not found")
            let absentSector = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateSectorGetInfo, .init(Address.idAddress(9999), 0, Self.head))
            }
            #expect(absentSector?.message == "(get sset) failed to load miner actor: actor not found")
            let absentKey = await #expect(throws: RPCError.self) {
                try await v1.call(FullNodeAPI.stateMinerDeadlines, .init(stranger, Self.head))
            }
            #expect(absentKey?.message == "failed to load miner actor: resolution lookup failed (\(stranger)): actor not found")

            // A call of a plain send runs on the head's state and changes nothing.
            let send = Message(
                to: Address.idAddress(99), from: net.key.address, nonce: 0, value: TokenAmount(attoFIL: 1), gasLimit: 0,
                gasFeeCap: .zero, gasPremium: .zero, method: 0, params: [])
            let before = try await v1.call(FullNodeAPI.stateGetActor, .init(net.key.address, Self.head))
            let result = try await v1.call(FullNodeAPI.stateCall, .init(send, Self.head))
            #expect(result.msgRct?.exitCode == 0)
            #expect(result.error == "")
            #expect(result.msg?.from == net.key.address && result.msg?.nonce == before.nonce)
            #expect(result.msgCid == result.msg?.cid)
            #expect(result.gasCost == .none)  // no gas accounting: Go's zero value, Message null
            #expect(result.executionTrace.msg.to == Address.idAddress(99) && result.executionTrace.msgRct.exitCode == 0)
            #expect(try await v1.call(FullNodeAPI.stateGetActor, .init(net.key.address, Self.head)) == before)
            // A call the actor refuses is an error, as Lotus's legacy VM returns it.
            var refused = send
            refused.to = Self.miner
            refused.method = 99
            let failure = await #expect(throws: RPCError.self) { try await v1.call(FullNodeAPI.stateCall, .init(refused, Self.head)) }
            #expect(failure?.message.contains("(RetCode=") == true)
        }
    }

    @Test func randomnessAndBeaconAgreeAcrossVersionsAndWithTheChain() async throws {
        try await Self.withDevnet { net in
            let head = try await net.chain.chain.requireHead()
            let source = ChainRandomness(
                reader: ChainReader(store: net.chain.chain.blockstore), tipset: head, schedule: net.chain.states.schedule)
            let entropy = Data("venus".utf8)
            for (tag, epoch) in [(Int64(2), head.height), (7, head.height - 5)] {
                let ticketsV1 = try await net.v1.call(
                    FullNodeAPI.stateGetRandomnessFromTickets, .init(tag, epoch, entropy, TipSetKey.empty))
                let ticketsV0 = try await net.v0.call(
                    FullNodeAPIV0.chainGetRandomnessFromTickets, .init(head.key, tag, epoch, entropy))
                let expectedTickets = try source.randomness(fromTickets: true, tag: tag, epoch: epoch, entropy: Array(entropy))
                #expect(ticketsV1 == Data(expectedTickets) && ticketsV0 == ticketsV1 && ticketsV1.count == 32)
                let beaconV1 = try await net.v1.call(
                    FullNodeAPI.stateGetRandomnessFromBeacon, .init(tag, epoch, entropy, head.key))
                let beaconV0 = try await net.v0.call(
                    FullNodeAPIV0.chainGetRandomnessFromBeacon, .init(TipSetKey.empty, tag, epoch, entropy))
                let expectedBeacon = try source.randomness(fromTickets: false, tag: tag, epoch: epoch, entropy: Array(entropy))
                #expect(beaconV1 == Data(expectedBeacon) && beaconV0 == beaconV1)
                #expect(beaconV1 != ticketsV1)
            }
            // The genesis ticket drawn by hand: the same bytes.
            if let ticket = head.minTicket, head.height == 0 {
                let drawn = Randomness.draw(base: ticket.vrfProof, tag: 2, round: 0, entropy: Array(entropy))
                #expect(try await net.v1.call(FullNodeAPI.stateGetRandomnessFromTickets, .init(2, 0, entropy, TipSetKey.empty)) == Data(drawn))
            }
            await #expect(throws: RPCError.self) {
                try await net.v1.call(FullNodeAPI.stateGetRandomnessFromTickets, .init(2, head.height + 10, entropy, TipSetKey.empty))
            }

            // v0 serves the same state queries.
            #expect(
                try await net.v0.call(FullNodeAPI.stateMinerPower, .init(Self.miner, TipSetKey.empty))
                    == (try await net.v1.call(FullNodeAPI.stateMinerPower, .init(Self.miner, TipSetKey.empty))))
            #expect(try await net.v0.call(FullNodeAPI.stateListMiners, .init(TipSetKey.empty)) == [Self.miner])

            // Beacon entries: the chain's for a reached epoch, the mock beacon's for a later one.
            let reader = ChainReader(store: net.chain.chain.blockstore)
            let onChain = try reader.latestBeaconEntry(head)
            #expect(try await net.v1.call(FullNodeAPI.stateGetBeaconEntry, .init(head.height)) == onChain)
            #expect(try await net.v0.call(FullNodeAPIV0.beaconGetEntry, .init(head.height)) == onChain)
            let future = head.height + 50
            let mock = MockBeacon.entry(round: UInt64(future + MockBeacon.roundOffset))
            #expect(try await net.v1.call(FullNodeAPI.stateGetBeaconEntry, .init(future)) == mock)
            #expect(try await net.v0.call(FullNodeAPIV0.beaconGetEntry, .init(future)) == mock)
        }
    }
}
