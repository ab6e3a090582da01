import BigInt
import Chain
import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Proofs
import Testing

/// The valid fixture block passes; each header rule, broken alone, is the only error reported.
@Suite struct BlockValidatorHeaderTests {
    @Test func validBlockPasses() async throws {
        let built = try await BlockFixture().build()
        #expect(try #require(built.block.header.electionProof).winCount >= 1)
        #expect(await built.failures() == [])
        try await built.validator().validate(built.block)
    }

    @Test func validBlockAfterNullRoundsPasses() async throws {
        var fixture = BlockFixture()
        fixture.height = 14
        let built = try await fixture.build()
        // One mock beacon entry per epoch since the parent, null rounds included.
        #expect(built.block.header.beaconEntries.map(\.round) == [111, 112, 113, 114])
        #expect(built.block.header.timestamp == fixture.parentTimestamp + 16)
        #expect(await built.failures() == [])
    }

    // MARK: Sanity

    @Test func missingElectionProof() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.electionProof = nil }
        #expect(await built.failures() == [.missingElectionProof])
    }

    @Test func missingTicket() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.ticket = nil }
        #expect(await built.failures() == [.missingTicket])
    }

    @Test func missingBlockSignature() async throws {
        var built = try await BlockFixture().build()
        built.block.header.blockSig = nil
        #expect(await built.failures() == [.missingBlockSignature])
    }

    @Test func missingBLSAggregate() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.blsAggregate = nil }
        #expect(await built.failures() == [.missingBLSAggregate])
    }

    @Test func minerMustBeAnIDAddress() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.miner = BlockFixture.workerAddress }
        #expect(await built.failures() == [.minerNotIDAddress(BlockFixture.workerAddress)])
    }

    // MARK: Parents and time

    @Test func unknownParentIsNotPermanent() async throws {
        var built = try await BlockFixture().build()
        built.chain.tipSets = [:]
        let failures = await built.failures()
        #expect(failures == [.parentTipSetUnknown(built.parent.key)])
        #expect(!BlockValidationFailure(block: built.block.cid, errors: failures).isPermanent)
    }

    @Test func noBeaconEntryInTheParents() async throws {
        var fixture = BlockFixture()
        fixture.parentBeaconEntries = []
        fixture.beaconEntries = [MockBeacon.entry(round: 111)]
        let built = try await fixture.build()
        #expect(await built.failures() == [.noPriorBeaconEntry])
    }

    @Test func heightMustBeAboveTheParent() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.height = 10 }
        #expect(await built.failures() == [.heightNotAboveParent(height: 10, parentHeight: 10)])
    }

    @Test func timestampMustFollowTheParentByTheBlockDelay() async throws {
        var built = try await BlockFixture().build()
        let expected = built.block.header.timestamp
        built.changeHeader { $0.timestamp += 1 }
        built.chain.now += 1
        #expect(await built.failures() == [.wrongTimestamp(got: expected + 1, expected: expected)])
    }

    @Test func timestampFromTheFutureIsNotPermanent() async throws {
        var built = try await BlockFixture().build()
        let timestamp = built.block.header.timestamp
        built.chain.now = timestamp - 1  // within the one second of drift
        #expect(await built.failures() == [])
        built.chain.now = timestamp - 2
        let failures = await built.failures()
        #expect(failures == [.timestampInFuture(timestamp: timestamp, now: timestamp - 2)])
        #expect(!BlockValidationFailure(block: built.block.cid, errors: failures).isPermanent)
    }

    @Test func parentWeightMustBeTheComputedOne() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.parentWeight = 12346 }
        #expect(await built.failures() == [.parentWeightMismatch(header: 12346, computed: 12345)])
    }

    @Test func unreadableChainFactIsNotPermanent() async throws {
        var built = try await BlockFixture().build()
        built.chain.failing = ["weight"]
        let failures = await built.failures()
        guard case .chainFactUnavailable(let fact, _) = failures.first, failures.count == 1 else {
            Issue.record("expected one chainFactUnavailable, got \(failures)")
            return
        }
        #expect(fact == "parent weight")
        #expect(!BlockValidationFailure(block: built.block.cid, errors: failures).isPermanent)
    }

    // MARK: Block signature

    @Test func blockSignatureMustBeTheWorkers() async throws {
        var built = try await BlockFixture().build()
        built.block.header = BlockFixture.signed(built.block.header, by: BlockFixture.keys.stranger)
        #expect(await built.failures() == [.blockSignatureInvalid])
    }

    @Test func blockSignatureCoversEveryField() async throws {
        var built = try await BlockFixture().build()
        built.block.header.forkSignaling = 1  // not re-signed
        #expect(await built.failures() == [.blockSignatureInvalid])
    }

    @Test func workerIsReadAtTheLookbackState() async throws {
        var built = try await BlockFixture().build()
        let miner = built.block.header.miner
        built.chain.workers[BlockFixture.lookbackState] = nil
        built.chain.workers[BlockFixture.parentState] = [miner: BlockFixture.workerAddress]
        #expect(await built.failures() == [.minerWorkerUnknown(miner)])
    }

    // MARK: Ticket

    @Test func ticketMustBeTheWorkersVRF() async throws {
        var built = try await BlockFixture().build()
        let header = built.block.header
        let minTicket = try #require(built.parent.minTicket)
        let draw = Randomness.draw(
            base: try #require(header.beaconEntries.last).data, tag: .ticketProduction, round: header.height - 1,
            entropy: header.miner.cborBytes + minTicket.vrfProof)
        built.changeHeader { $0.ticket = Ticket(vrfProof: BlockFixture.keys.stranger.sign(draw).bytes) }
        #expect(await built.failures() == [.ticketVRFInvalid])
    }

    @Test func ticketIsDrawnForTheLookbackEpoch() async throws {
        var built = try await BlockFixture().build()
        let header = built.block.header
        let minTicket = try #require(built.parent.minTicket)
        // Signed by the worker, but for the block's own epoch instead of the one before.
        let draw = Randomness.draw(
            base: try #require(header.beaconEntries.last).data, tag: .ticketProduction, round: header.height,
            entropy: header.miner.cborBytes + minTicket.vrfProof)
        built.changeHeader { $0.ticket = Ticket(vrfProof: BlockFixture.keys.worker.sign(draw).bytes) }
        #expect(await built.failures() == [.ticketVRFInvalid])
    }

    @Test func ticketIsDrawnWithTheTicketTag() async throws {
        var built = try await BlockFixture().build()
        let header = built.block.header
        let minTicket = try #require(built.parent.minTicket)
        let draw = Randomness.draw(
            base: try #require(header.beaconEntries.last).data, tag: .electionProofProduction, round: header.height - 1,
            entropy: header.miner.cborBytes + minTicket.vrfProof)
        built.changeHeader { $0.ticket = Ticket(vrfProof: BlockFixture.keys.worker.sign(draw).bytes) }
        #expect(await built.failures() == [.ticketVRFInvalid])
    }

    @Test func ticketNeedsTheParentsTicket() async throws {
        var built = try await BlockFixture().build()
        let parent = built.parent.blocks[0]
        var ticketless = parent
        ticketless.ticket = nil
        let parentTipSet = try TipSet(blocks: [ticketless])
        // Re-key every fact to the ticketless parent.
        built.chain.tipSets = [parentTipSet.key: parentTipSet]
        built.chain.lookbacks[parentTipSet.key] = built.chain.lookbacks[built.parent.key]
        built.chain.weights[parentTipSet.key] = built.chain.weights[built.parent.key]
        built.chain.baseFees[parentTipSet.key] = built.chain.baseFees[built.parent.key]
        built.chain.computed[parentTipSet.key] = built.chain.computed[built.parent.key]
        built.changeHeader { $0.parents = parentTipSet.cids }
        #expect(await built.failures() == [.parentTicketMissing])
    }

    // MARK: Election

    @Test func electionProofMustBeTheWorkersVRF() async throws {
        var built = try await BlockFixture().build()
        let header = built.block.header
        let draw = Randomness.draw(
            base: try #require(header.beaconEntries.last).data, tag: .electionProofProduction, round: header.height,
            entropy: header.miner.cborBytes)
        var proof = ElectionProof(winCount: 0, vrfProof: BlockFixture.keys.stranger.sign(draw).bytes)
        proof.winCount = max(1, proof.computeWinCount(power: BigInt(1) << 40, totalPower: BigInt(1) << 40))
        built.changeHeader { $0.electionProof = proof }
        #expect(await built.failures() == [.electionVRFInvalid])
    }

    @Test func electionIsDrawnForTheBlocksEpoch() async throws {
        var built = try await BlockFixture().build()
        let header = built.block.header
        let draw = Randomness.draw(
            base: try #require(header.beaconEntries.last).data, tag: .electionProofProduction, round: header.height - 1,
            entropy: header.miner.cborBytes)
        var proof = ElectionProof(winCount: 0, vrfProof: BlockFixture.keys.worker.sign(draw).bytes)
        proof.winCount = max(1, proof.computeWinCount(power: BigInt(1) << 40, totalPower: BigInt(1) << 40))
        built.changeHeader { $0.electionProof = proof }
        #expect(await built.failures() == [.electionVRFInvalid])
    }

    @Test func blockMustClaimAWin() async throws {
        var built = try await BlockFixture().build()
        built.changeHeader { $0.electionProof?.winCount = 0 }
        #expect(await built.failures() == [.notClaimingToWin(winCount: 0)])
    }

    @Test func winCountMustBeTheOneTheLookbackPowerGives() async throws {
        var built = try await BlockFixture().build()
        let claimed = try #require(built.block.header.electionProof).winCount
        built.changeHeader { $0.electionProof?.winCount = claimed + 1 }
        #expect(await built.failures() == [.winCountMismatch(claimed: claimed + 1, computed: claimed)])
    }

    @Test func winCountUsesTheLookbackNotTheParentPower() async throws {
        var built = try await BlockFixture().build()
        let claimed = try #require(built.block.header.electionProof).winCount
        // No power at the lookback: no wins, whatever the parent state says.
        built.chain.claims[BlockFixture.lookbackState] = [:]
        #expect(await built.failures() == [.winCountMismatch(claimed: claimed, computed: 0)])
    }

    @Test func minerBelowTheConsensusMinimumAtTheLookbackIsIneligible() async throws {
        var built = try await BlockFixture().build()
        let miner = built.block.header.miner
        built.chain.meetingMinimum[BlockFixture.lookbackParentState] = []
        built.chain.meetingMinimum[BlockFixture.lookbackState] = [miner]  // the wrong state must not count
        #expect(await built.failures() == [.minerIneligible(miner, .belowConsensusMinimum)])
    }

    @Test func minerWithFeeDebtIsIneligible() async throws {
        var built = try await BlockFixture().build()
        let miner = built.block.header.miner
        let debt = TokenAmount(attoFIL: 1)
        built.chain.standings[BlockFixture.parentState] = [miner: MinerStanding(feeDebt: debt, consensusFaultElapsed: -1)]
        #expect(await built.failures() == [.minerIneligible(miner, .feeDebt(debt))])
    }

    @Test func minerUnderAConsensusFaultIsIneligible() async throws {
        var built = try await BlockFixture().build()
        let miner = built.block.header.miner
        built.chain.standings[BlockFixture.parentState] = [miner: MinerStanding(feeDebt: .zero, consensusFaultElapsed: 10)]
        #expect(await built.failures() == [.minerIneligible(miner, .consensusFault(elapsed: 10))])
        // The penalty ends at the parent's height: one epoch earlier, the miner may mine again.
        built.chain.standings[BlockFixture.parentState] = [miner: MinerStanding(feeDebt: .zero, consensusFaultElapsed: 9)]
        #expect(await built.failures() == [])
    }

    @Test func nonMinerIsIneligible() async throws {
        var built = try await BlockFixture().build()
        let miner = built.block.header.miner
        built.chain.standings[BlockFixture.parentState] = [:]
        #expect(await built.failures() == [.minerIneligible(miner, .notAMiner)])
    }

    @Test func minerWithZeroPowerAtTheParentIsIneligible() async throws {
        var built = try await BlockFixture().build()
        let miner = built.block.header.miner
        built.chain.claims[BlockFixture.parentState] = [miner: PowerClaim(sealProofType: .stackedDrg2KiBV1, rawBytePower: 0, qualityAdjPower: 0)]
        #expect(await built.failures() == [.minerIneligible(miner, .noPower)])
    }

    /// Lotus reports a missing claim twice: `minerIsValid` and, in the winner check, eligibility.
    @Test func minerWithoutAClaimIsInvalidAndIneligible() async throws {
        var built = try await BlockFixture().build()
        let miner = built.block.header.miner
        built.chain.claims[BlockFixture.parentState] = [:]
        #expect(await built.failures() == [.minerHasNoClaim(miner), .minerIneligible(miner, .noPower)])
    }

    /// Up to network version 3 eligibility reads only the lookback, so a miner whose claim is gone
    /// at the parent is caught as slashed.
    @Test func minerWithoutAClaimBeforeVersion4IsSlashed() async throws {
        var fixture = BlockFixture()
        fixture.networkVersion = 3
        var built = try await fixture.build()
        let miner = built.block.header.miner
        #expect(await built.failures() == [])
        built.chain.claims[BlockFixture.parentState] = [:]
        #expect(await built.failures() == [.minerHasNoClaim(miner), .minerSlashed(miner)])
    }
}
