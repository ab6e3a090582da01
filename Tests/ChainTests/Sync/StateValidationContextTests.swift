import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinTypes
import IPLD
import Proofs
import Testing

/// The facts block validation reads, read from a real devnet genesis state and checked against
/// what the genesis template put there.
@Suite struct StateValidationContextTests {
    @Test func minerWorkerIsTheGenesisKeyAndNonMinersHaveNone() async throws {
        let fixture = try await DevnetChainFixture()
        let context = fixture.context()
        let root = fixture.genesis.stateRoot
        #expect(try await context.minerWorkerKey(fixture.miner, stateRoot: root) == fixture.minerKey.address)
        let owner = try #require(try await context.senderActor(fixture.minerKey.address, stateRoot: root))
        #expect(try await context.minerWorkerKey(owner.id, stateRoot: root) == nil)
        #expect(try await context.minerWorkerKey(Address.idAddress(1001), stateRoot: root) == nil)
    }

    @Test func powerClaimAndTotalsMatchThePresealedSectors() async throws {
        let fixture = try await DevnetChainFixture()
        let context = fixture.context()
        let root = fixture.genesis.stateRoot
        let sectorCount = fixture.presealSectors.count
        #expect(sectorCount == DevnetGenesis.defaultSectorCount)

        // The quality-adjusted power the miner's own sector records give, summed independently of the power actor.
        let view = try StateTreeView(root: root, store: fixture.store)
        let minerActor = try #require(try view.actor(at: fixture.miner))
        let minerState = try MinerState(cborBytes: try fixture.store.getRequired(minerActor.head))
        var qaPower = BigInt(0)
        for sector in fixture.presealSectors {
            let info = try #require(try minerState.getSector(UnchargedActorStore(fixture.store), sector.sectorNumber))
            qaPower += info.power(sectorSize: 2048).qa
        }

        let claim = try #require(try await context.powerClaim(fixture.miner, stateRoot: root))
        #expect(claim.rawBytePower == BigInt(sectorCount * 2048))
        #expect(claim.qualityAdjPower == qaPower)
        #expect(claim.sealProofType == fixture.presealSectors[0].proofType)

        let total = try await context.totalPower(stateRoot: root)
        #expect(total.rawBytePower == claim.rawBytePower)
        #expect(total.qualityAdjPower == claim.qualityAdjPower)

        #expect(try await context.powerClaim(Address.idAddress(1001), stateRoot: root) == nil)
    }

    @Test func consensusMinimumFollowsTheClaimAndThePolicy() async throws {
        let fixture = try await DevnetChainFixture()
        let root = fixture.genesis.stateRoot
        // 4 KiB of raw power meets the devnet's 2 KiB minimum.
        #expect(try await fixture.context().meetsConsensusMinimum(fixture.miner, stateRoot: root))
        // No claim: not eligible.
        #expect(try await !fixture.context().meetsConsensusMinimum(Address.idAddress(1001), stateRoot: root))
        // Under mainnet's 10 TiB minimum it is below, but with fewer than 4 miners above the
        // minimum any positive power still counts (specs-actors v2).
        let mainnet = StateValidationContext(
            stateManager: fixture.stateManager, parameters: fixture.consensusParameters, powerPolicy: .mainnet)
        #expect(try await mainnet.meetsConsensusMinimum(fixture.miner, stateRoot: root))
    }

    @Test func standingOfAFreshMiner() async throws {
        let fixture = try await DevnetChainFixture()
        let context = fixture.context()
        let standing = try #require(try await context.minerStanding(fixture.miner, stateRoot: fixture.genesis.stateRoot))
        #expect(standing.feeDebt == .zero)
        #expect(standing.consensusFaultElapsed == -1)
        #expect(try await context.minerStanding(BuiltinAddress.powerActor, stateRoot: fixture.genesis.stateRoot) == nil)
    }

    @Test func provingSectorsAreThePresealedOnesBeforeVersion7() async throws {
        let fixture = try await DevnetChainFixture()
        let context = fixture.context()
        let root = fixture.genesis.stateRoot
        let version = fixture.devnet.template.networkVersion
        #expect(version < 7)
        let proving = try #require(try await context.provingSectors(fixture.miner, stateRoot: root, networkVersion: version))
        #expect(proving.sectorNumbers == fixture.presealSectors.map(\.sectorNumber).sorted())
        #expect(proving.windowPoStProofType == (try fixture.presealSectors[0].proofType.windowPoStProof()))

        // From version 7 only active sectors count: genesis marks its sectors proven (as Lotus's
        // genesis does), so they are active too.
        let later = try #require(try await context.provingSectors(fixture.miner, stateRoot: root, networkVersion: 7))
        #expect(later == proving)

        #expect(try await context.provingSectors(Address.idAddress(1001), stateRoot: root, networkVersion: version) == nil)
    }

    @Test func provingSetIsAllButFaultyBeforeVersion7AndActiveFrom7() async throws {
        // The genesis state with the first presealed sector made unproven and the second faulty.
        let fixture = try await DevnetChainFixture()
        let store = fixture.store
        let sectors = fixture.presealSectors.map(\.sectorNumber).sorted()
        let unproven = try Bitfield([sectors[0]])
        let faulty = try Bitfield([sectors[1]])
        let tree = try StateTree(root: fixture.genesis.stateRoot, store: store)
        let minerID = try #require(fixture.miner.idValue)
        var actor = try #require(try tree.actor(id: minerID))
        var state = try MinerState(cborBytes: try store.getRequired(actor.head))
        let actorStore = UnchargedActorStore(store)
        var deadlines = try state.loadDeadlines(actorStore)
        var touched = Bitfield()
        for index in deadlines.due.indices {
            var deadline = try deadlines.loadDeadline(actorStore, UInt64(index))
            var partitions = try AMT(loading: deadline.partitions, store: store, format: .legacy)
            for (partitionIndex, bytes) in try partitions.values() {
                var reader = CBORReader(bytes: bytes)
                var partition = try Partition(from: &reader, actorsVersion: 2)
                partition.unproven = partition.unproven.union(partition.sectors.intersection(unproven))
                partition.faults = partition.faults.union(partition.sectors.intersection(faulty))
                touched = touched.union(partition.sectors)
                try partitions.set(partitionIndex, partition.cborBytes)
            }
            deadline.partitions = try partitions.flush()
            try deadlines.updateDeadline(actorStore, UInt64(index), deadline, actorsVersion: 2)
        }
        #expect(Array(touched) == sectors)
        try state.saveDeadlines(actorStore, deadlines)
        actor.head = try store.put(state)
        tree.setActor(id: minerID, actor)
        let root = try tree.flush()

        let context = fixture.context()
        // Before version 7: every sector but the faulty one (an unproven sector still counts).
        let early = try await context.provingSectors(fixture.miner, stateRoot: root, networkVersion: 6)
        #expect(early?.sectorNumbers == [sectors[0]])
        // From version 7: the active sectors, neither faulty nor unproven.
        let late = try await context.provingSectors(fixture.miner, stateRoot: root, networkVersion: 7)
        #expect(late?.sectorNumbers == [])
    }

    @Test func sectorInfosMatchThePreseal() async throws {
        let fixture = try await DevnetChainFixture()
        let context = fixture.context()
        let root = fixture.genesis.stateRoot
        let sectors = fixture.presealSectors.sorted { $0.sectorNumber < $1.sectorNumber }
        let infos = try await context.sectorInfos(fixture.miner, numbers: sectors.map(\.sectorNumber), stateRoot: root)
        #expect(infos == sectors.map { SectorInfo(sealProof: $0.proofType, sectorNumber: $0.sectorNumber, sealedCID: $0.commR) })

        let missing = (sectors.map(\.sectorNumber).max() ?? 0) + 100
        await #expect(throws: StateFactError.missingSector(miner: fixture.miner, sector: missing)) {
            _ = try await context.sectorInfos(fixture.miner, numbers: [missing], stateRoot: root)
        }
    }

    @Test func senderAndKeyAddressOfTheFundedOwner() async throws {
        let fixture = try await DevnetChainFixture()
        let context = fixture.context()
        let root = fixture.genesis.stateRoot
        let owner = try #require(try await context.senderActor(fixture.minerKey.address, stateRoot: root))
        #expect(owner.id.protocol == .id)
        #expect(owner.id.idValue.map { $0 >= GenesisBuilder.accountStart && $0 < GenesisBuilder.minerStart } == true)
        #expect(ActorCodes.isAccount(owner.code))
        #expect(owner.nonce == 0)
        // Funded with 50 million FIL, less what genesis drew for the miner's deposits.
        let stored = try #require(try StateTreeView(root: root, store: fixture.store).actor(at: fixture.minerKey.address))
        #expect(owner.balance == stored.balance)
        #expect(owner.balance <= GenesisTemplate.defaultMinerOwnerBalance)
        #expect(owner.balance > TokenAmount(wholeFIL: 49_999_999))
        // The same actor by its ID.
        #expect(try await context.senderActor(owner.id, stateRoot: root) == owner)

        #expect(try await context.keyAddress(ofID: owner.id, base: fixture.genesisTipSet) == fixture.minerKey.address)
        // The miner is no account: it has no key address.
        #expect(try await context.keyAddress(ofID: fixture.miner, base: fixture.genesisTipSet) == nil)
        // An unknown key address has no actor.
        let stranger = try Address.bls(publicKey: [0xA0] + [UInt8](repeating: 7, count: 47))
        #expect(try await context.senderActor(stranger, stateRoot: root) == nil)
    }

    @Test func keyAddressFallsBackToTheComputedState() async throws {
        // A tipset on the genesis whose one message creates an account: the account's ID is not
        // in the tipset's parent state, only in the state its execution leaves.
        let fixture = try await DevnetChainFixture()
        let recipient = try Address.bls(publicKey: [0xA1] + [UInt8](repeating: 9, count: 47))
        let transfer = try fixture.transfer(nonce: 0, to: recipient)
        let messages = try BlockMessageStore(store: fixture.store).write(bls: [transfer.message], secp: [])
        let tipSet = try TipSet(blocks: [try await fixture.block { $0.messages = messages }.header])
        try await fixture.chain.putTipSet(tipSet)

        let context = fixture.context()
        let computed = try await context.computedState(of: tipSet)
        let receipts = try await fixture.stateManager.receipts(of: tipSet)
        #expect(receipts.map(\.exitCode) == [0])
        let id = try #require(try StateTreeView(root: computed.stateRoot, store: fixture.store).lookupID(recipient))
        #expect(try StateTreeView(root: tipSet.parentStateRoot, store: fixture.store).actor(id: id) == nil)

        #expect(try await context.keyAddress(ofID: Address.idAddress(id), base: tipSet) == recipient)
        // At the genesis (no tipset created it) the ID has no key.
        #expect(try await context.keyAddress(ofID: Address.idAddress(id), base: fixture.genesisTipSet) == nil)
    }

    @Test func chainFactsOfTheGenesisTipSet() async throws {
        let fixture = try await DevnetChainFixture()
        let context = fixture.context()
        let genesis = fixture.genesisTipSet
        #expect(try await context.tipSet(genesis.key) == genesis)
        #expect(try await context.tipSet(TipSetKey([CID.filecoin(cbor: Array("no such block".utf8))])) == nil)

        // A lookback at or past the base is the base and its executed state (the genesis's own).
        let lookback = try await context.lookback(base: genesis, round: 1)
        #expect(lookback == LookbackState(tipSet: genesis, stateRoot: fixture.genesis.stateRoot))
        let computed = try await context.computedState(of: genesis)
        #expect(computed.stateRoot == fixture.genesis.stateRoot)
        #expect(computed.receiptsRoot == fixture.genesis.header.parentMessageReceipts)

        #expect(try await context.latestBeaconEntry(base: genesis) == fixture.genesis.header.beaconEntries.last)
        #expect(try await context.weight(of: genesis) == (try ChainWeight.weight(of: genesis, store: fixture.store)))
        #expect(context.networkVersion(at: 100) == fixture.devnet.template.networkVersion)
        #expect(context.currentTime() == fixture.genesis.header.timestamp + fixture.devnet.parameters.blockDelaySeconds)
    }
}
