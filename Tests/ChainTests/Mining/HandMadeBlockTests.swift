import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import IPLD
import Proofs
import Testing
import VenusTesting

/// The producer against the validation tests' hand-made block (`BlockFixture`, which draws every
/// VRF input and builds every root by hand over a `FakeChain`): base info, the election helpers and
/// the assembler reading the same fake facts must make that very block, byte for byte; and each
/// fact base info depends on, changed alone, changes its answer as Lotus's would.
@Suite struct HandMadeBlockTests {
    static let signer: MiningSigner = {
        do {
            return MiningSigner.local([try GenesisKey(type: .bls, privateKey: BlockFixture.keys.worker.bytes)])
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// The fixture's chain, with the miner's actor present at the lookback state.
    static func built(_ fixture: BlockFixture = BlockFixture()) async throws -> BlockFixture.Built {
        var built = try await fixture.build()
        built.chain.senders[BlockFixture.lookbackState] = [
            fixture.miner: SenderActor(
                id: fixture.miner, code: ActorCodes.code("storageminer", actorsVersion: 2), nonce: 0, balance: .zero)
        ]
        return built
    }

    static func mining(_ built: BlockFixture.Built) -> MiningBase {
        MiningBase(context: built.chain, beacons: built.beacons, verifier: MockProofs())
    }

    @Test func producerMakesTheHandMadeBlockByteForByte() async throws {
        let fixture = BlockFixture()
        let built = try await Self.built(fixture)
        let parent = built.parent
        let info = try #require(try await Self.mining(built).info(miner: fixture.miner, round: fixture.height, base: parent.key))
        #expect(info.minerPower == fixture.minerPower)
        #expect(info.networkPower == fixture.totalPower)
        #expect(info.workerKey == BlockFixture.workerAddress)
        #expect(info.beaconEntries == built.block.header.beaconEntries)
        #expect(info.prevBeaconEntry == fixture.parentBeaconEntries.last)
        #expect(info.sectorSize == 2048)
        #expect(info.eligibleForMining)

        let ticket = try await Election.ticket(
            miner: fixture.miner, round: fixture.height, base: parent, beaconBase: info.beaconBase, worker: info.workerKey,
            signer: Self.signer, parameters: built.chain.parameters)
        let proof = try #require(try await Election.electionProof(
            miner: fixture.miner, round: fixture.height, beaconBase: info.beaconBase, worker: info.workerKey,
            minerPower: info.minerPower, networkPower: info.networkPower, blocksPerEpoch: 5, signer: Self.signer))
        let winningPoSt = try Election.winningPoSt(miner: fixture.miner, round: fixture.height, baseInfo: info, prover: MockProofs())
        let blsSigned = fixture.blsMessages.map {
            SignedMessage(message: $0, signature: .bls(signing: $0.cid.bytes, with: BlockFixture.keys.blsSender))
        }
        let template = BlockTemplate(
            miner: fixture.miner, parents: parent.key, ticket: ticket, electionProof: proof, beaconValues: info.beaconEntries,
            messages: blsSigned + built.block.secpkMessages, epoch: fixture.height,
            timestamp: built.block.header.timestamp, winningPoStProof: winningPoSt)
        let chain = try ChainStore(blockstore: MemoryBlockstore(), metadata: MemoryChainMetadata())
        let block = try await BlockAssembler(chain: chain, context: built.chain).createBlock(template, signer: Self.signer)

        #expect(block == built.block)
        #expect(block.cid == built.block.cid)
        #expect(block.blockMsg.blsMessages == fixture.blsMessages.map(\.cid))
        // The messages and their MsgMeta were stored where the chain reads them.
        let stored = try chain.messageStore.messages(of: block.header)
        #expect(stored.bls == block.blsMessages && stored.secp == block.secpkMessages)
    }

    @Test func baseInfoFollowsEachFact() async throws {
        let fixture = BlockFixture()
        let round = fixture.height
        let key = try await Self.built(fixture).parent.key

        // Below the consensus minimum at the lookback tipset's parent state: not eligible.
        var below = try await Self.built(fixture)
        below.chain.meetingMinimum = [:]
        #expect(try await Self.mining(below).info(miner: fixture.miner, round: round, base: key)?.eligibleForMining == false)

        // Fee debt at the parent state: not eligible.
        var indebted = try await Self.built(fixture)
        indebted.chain.standings[BlockFixture.parentState] = [
            fixture.miner: MinerStanding(feeDebt: TokenAmount(attoFIL: 1), consensusFaultElapsed: -1)
        ]
        #expect(try await Self.mining(indebted).info(miner: fixture.miner, round: round, base: key)?.eligibleForMining == false)

        // No proving sectors: no base info.
        var empty = try await Self.built(fixture)
        empty.chain.proving[BlockFixture.lookbackState] = [
            fixture.miner: ProvingSectorSet(sectorNumbers: [], windowPoStProofType: .stackedDrgWindow2KiBV1)
        ]
        #expect(try await Self.mining(empty).info(miner: fixture.miner, round: round, base: key) == nil)

        // No worker key at the lookback state: an error.
        var noWorker = try await Self.built(fixture)
        noWorker.chain.workers = [:]
        await #expect(throws: MiningError.workerUnknown(fixture.miner)) {
            try await Self.mining(noWorker).info(miner: fixture.miner, round: round, base: key)
        }

        // No beacon entry in the base's chain: an error, as in Lotus without LOTUS_IGNORE_DRAND.
        var noBeacon = BlockFixture()
        noBeacon.parentBeaconEntries = []
        let unbeaconed = try await Self.built(noBeacon)
        await #expect(throws: MiningError.noPriorBeaconEntry) {
            try await Self.mining(unbeaconed).info(miner: fixture.miner, round: round, base: unbeaconed.parent)
        }

        // A chain fact that cannot be read is reported as such.
        var failing = try await Self.built(fixture)
        failing.chain.failing = ["claim"]
        await #expect(throws: MiningError.chainFactUnavailable(fact: "miner power", reason: "fake chain: claim is unavailable")) {
            try await Self.mining(failing).info(miner: fixture.miner, round: round, base: key)
        }
    }

    @Test func electionHelpersRefuseWhatCannotMakeAVRF() async throws {
        let built = try await Self.built()
        let miner = BlockFixture().miner
        let beacon = MockBeacon.entry(round: 111)
        // After the smoke upgrade the ticket needs the base's ticket.
        var header = built.parent.blocks[0]
        header.ticket = nil
        let ticketless = try TipSet(blocks: [header])
        await #expect(throws: MiningError.baseHasNoTicket(ticketless.key)) {
            try await Election.ticket(
                miner: miner, round: 11, base: ticketless, beaconBase: beacon, worker: BlockFixture.workerAddress,
                signer: Self.signer, parameters: .devnet2k)
        }
        // A secp256k1 worker cannot make a VRF.
        let secp = try GenesisKey(type: .secp256k1, privateKey: [UInt8](repeating: 0x33, count: 32))
        await #expect(throws: MiningError.workerKeyNotBLS(secp.address)) {
            try await Election.computeVRF([1, 2, 3], worker: secp.address, signer: .local([secp]))
        }
        // A signer's own failure is reported with the address.
        let broken = MiningSigner { _, _ in throw CancellationError() }
        await #expect(throws: MiningError.signing(BlockFixture.workerAddress, "CancellationError()")) {
            try await Election.computeVRF([1], worker: BlockFixture.workerAddress, signer: broken)
        }
        // No power, no win.
        #expect(
            try await Election.electionProof(
                miner: miner, round: 11, beaconBase: beacon, worker: BlockFixture.workerAddress, minerPower: 0,
                networkPower: 1 << 40, blocksPerEpoch: 5, signer: Self.signer) == nil)
    }
}
