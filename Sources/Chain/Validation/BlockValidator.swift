import BigInt
import ChainState
import DagCBOR
import FilecoinTypes
import Proofs

/// Lotus's block validation (`FilecoinEC.ValidateBlock` with `CommonBlkChecks`), rule for rule and
/// in its order: the sanity checks of the header alone; then, one after another and stopping at the
/// first failure, the parent, height, timestamp, parent weight and the worker key; then the
/// independent checks concurrently (miner claim, ticket, block signature, beacon entries, winning
/// PoSt, election, messages, base fee, parent state), every failure among them reported, in
/// Lotus's await order.
///
/// Chain facts come from the `BlockValidationContext`; beacon entries from the `BeaconSchedule`;
/// winning PoSt through the `ProofVerifier` (the mock one on devnets). Validation changes nothing:
/// the caller applies a block only when it passes, and remembers one that fails permanently in a
/// `BadBlockCache` (`validate(_:recordingIn:)` does both).
public struct BlockValidator: Sendable {
    public let context: any BlockValidationContext
    public let beacons: BeaconSchedule
    public let verifier: any ProofVerifier

    public init(context: any BlockValidationContext, beacons: BeaconSchedule, verifier: any ProofVerifier) {
        self.context = context
        self.beacons = beacons
        self.verifier = verifier
    }

    /// Validates `block`; throws every rule it breaks.
    public func validate(_ block: FullBlock) async throws(BlockValidationFailure) {
        let errors = await failures(of: block)
        guard errors.isEmpty else { throw BlockValidationFailure(block: block.cid, errors: errors) }
    }

    /// Validates `block` unless it or a parent is already known bad; a permanent failure is
    /// remembered, so that the block and its descendants are refused from then on (Lotus's syncer
    /// around `ValidateBlock`).
    public func validate(_ block: FullBlock, recordingIn badBlocks: BadBlockCache) async throws(BlockValidationFailure) {
        let cid = block.cid
        if let reason = await badBlocks.reason(for: cid) {
            throw BlockValidationFailure(block: cid, errors: [.markedBad(cid, reason: reason.description)])
        }
        if let (parent, reason) = await badBlocks.markIfLinkedToBad(cid, parents: block.header.parents) {
            throw BlockValidationFailure(block: cid, errors: [.markedBad(parent, reason: reason.description)])
        }
        do {
            try await validate(block)
        } catch {
            if error.isPermanent {
                await badBlocks.add(cid, BadBlockReason(tipSet: [cid], reason: error.errors.map(\.description).joined(separator: "; ")))
            }
            throw error
        }
    }

    /// Validates a tipset's blocks concurrently, each through the bad-block cache (Lotus
    /// `ValidateTipSet`); throws the first failure in block order once all have been judged, so that
    /// every bad block is remembered.
    public func validateTipSet(_ blocks: [FullBlock], recordingIn badBlocks: BadBlockCache) async throws(BlockValidationFailure) {
        let failures = await withTaskGroup(of: (Int, BlockValidationFailure?).self) { group in
            for (index, block) in blocks.enumerated() {
                group.addTask {
                    do throws(BlockValidationFailure) {
                        try await validate(block, recordingIn: badBlocks)
                        return (index, nil)
                    } catch {
                        return (index, error)
                    }
                }
            }
            var failures: [Int: BlockValidationFailure] = [:]
            for await (index, failure) in group { failures[index] = failure }
            return failures
        }
        if let first = failures.keys.min(), let failure = failures[first] { throw failure }
    }

    /// Every failure of `block`, empty when it is valid.
    public func failures(of block: FullBlock) async -> [BlockValidationError] {
        do {
            return try await run(block)
        } catch {
            return [error]
        }
    }

    // MARK: The checks, in Lotus's order

    private func run(_ block: FullBlock) async throws(BlockValidationError) -> [BlockValidationError] {
        let header = block.header
        let sane = try Self.sanityCheck(header)
        let parameters = context.parameters

        guard let base = try await fact("parent tipset", { try await context.tipSet(header.parentKey) }) else {
            throw .parentTipSetUnknown(header.parentKey)
        }
        let winningPoStNetworkVersion = context.networkVersion(at: base.height)
        let lookback = try await fact("lookback tipset", { try await context.lookback(base: base, round: header.height) })
        guard let previousBeacon = try await fact("latest beacon entry", { try await context.latestBeaconEntry(base: base) })
        else { throw .noPriorBeaconEntry }

        // Fast checks first.
        guard header.height > base.height else {
            throw .heightNotAboveParent(height: header.height, parentHeight: base.height)
        }
        let expectedTimestamp = Self.expectedTimestamp(
            parentMin: base.minTimestamp, parentHeight: base.height, height: header.height,
            blockDelay: parameters.blockDelaySeconds)
        guard header.timestamp == expectedTimestamp else {
            throw .wrongTimestamp(got: header.timestamp, expected: expectedTimestamp ?? 0)
        }
        let now = context.currentTime()
        guard header.timestamp <= now &+ parameters.allowableClockDriftSeconds else {
            throw .timestampInFuture(timestamp: header.timestamp, now: now)
        }

        async let minerCheck = checkMinerHasClaim(header.miner, base: base)

        let weight = try await fact("parent weight", { try await context.weight(of: base) })
        guard weight == header.parentWeight else {
            throw .parentWeightMismatch(header: header.parentWeight, computed: weight)
        }
        guard let worker = try await fact("miner worker", { try await context.minerWorkerKey(header.miner, stateRoot: lookback.stateRoot) })
        else { throw .minerWorkerUnknown(header.miner) }

        let beaconBase = Election.beaconBase(entries: header.beaconEntries, previous: previousBeacon)
        async let ticketCheck = checkTicket(header, sane.ticket, base: base, beaconBase: beaconBase, worker: worker)
        async let signatureCheck = checkBlockSignature(header, sane.blockSignature, worker: worker)
        async let beaconCheck = checkBeaconValues(header, parentEpoch: base.height, previous: previousBeacon)
        async let winningPoStCheck = checkWinningPoSt(
            header, minerID: sane.minerID, beaconBase: beaconBase, lookback: lookback,
            networkVersion: winningPoStNetworkVersion)
        async let winnerCheck = checkElection(
            header, sane.electionProof, base: base, lookback: lookback, beaconBase: beaconBase, worker: worker)
        async let messagesCheck = checkMessages(block, aggregate: sane.blsAggregate, base: base)
        async let baseFeeCheck = checkBaseFee(header, base: base)
        async let stateRootCheck = checkParentState(header, base: base)

        let results: [BlockValidationError?] = [
            await minerCheck, await ticketCheck, await signatureCheck, await beaconCheck, await winningPoStCheck,
            await winnerCheck, await messagesCheck, await baseFeeCheck, await stateRootCheck,
        ]
        return results.compactMap { $0 }
    }

    /// The header fields every non-genesis block has (Lotus `blockSanityChecks`).
    struct SaneHeader {
        var electionProof: ElectionProof
        var ticket: Ticket
        var blockSignature: Signature
        var blsAggregate: Signature
        var minerID: UInt64
    }

    static func sanityCheck(_ header: BlockHeader) throws(BlockValidationError) -> SaneHeader {
        guard let electionProof = header.electionProof else { throw .missingElectionProof }
        guard let ticket = header.ticket else { throw .missingTicket }
        guard let blockSignature = header.blockSig else { throw .missingBlockSignature }
        guard let blsAggregate = header.blsAggregate else { throw .missingBLSAggregate }
        guard header.miner.protocol == .id, let minerID = header.miner.idValue else {
            throw .minerNotIDAddress(header.miner)
        }
        return SaneHeader(
            electionProof: electionProof, ticket: ticket, blockSignature: blockSignature, blsAggregate: blsAggregate,
            minerID: minerID)
    }

    /// The parent's timestamp plus one block delay per epoch since it; nil when it overflows.
    static func expectedTimestamp(parentMin: UInt64, parentHeight: Int64, height: Int64, blockDelay: UInt64) -> UInt64? {
        guard height > parentHeight else { return nil }
        let epochs = UInt64(height - parentHeight)
        let (delay, overflow) = blockDelay.multipliedReportingOverflow(by: epochs)
        let (timestamp, carry) = parentMin.addingReportingOverflow(delay)
        return overflow || carry ? nil : timestamp
    }

    // MARK: Concurrent checks

    /// Lotus `minerIsValid`: the miner has a claim in the power actor at the parent state.
    func checkMinerHasClaim(_ miner: Address, base: TipSet) async -> BlockValidationError? {
        await outcome { () async throws(BlockValidationError) in
            guard try await fact("miner claim", { try await context.powerClaim(miner, stateRoot: base.parentStateRoot) }) != nil
            else { throw .minerHasNoClaim(miner) }
        }
    }

    /// The ticket is the worker's VRF over the ticket randomness: drawn from the newest beacon entry
    /// for the epoch `TicketRandomnessLookback` before the block, with the miner and (after the smoke
    /// upgrade) the parent's smallest ticket as entropy.
    func checkTicket(
        _ header: BlockHeader, _ ticket: Ticket, base: TipSet, beaconBase: BeaconEntry, worker: Address
    ) async -> BlockValidationError? {
        await outcome { () async throws(BlockValidationError) in
            guard let vrfBase = Election.ticketVRFInput(
                miner: header.miner, round: header.height, beaconBase: beaconBase, parentMinTicket: base.minTicket,
                parameters: context.parameters)
            else { throw .parentTicketMissing }
            guard Self.verifyVRF(ticket.vrfProof, over: vrfBase, worker: worker) else { throw .ticketVRFInvalid }
        }
    }

    /// The block signature is the worker's over the header without it (Lotus `CheckBlockSignature`).
    func checkBlockSignature(_ header: BlockHeader, _ signature: Signature, worker: Address) async -> BlockValidationError? {
        signature.verifies(header.signingBytes, signer: worker) ? nil : .blockSignatureInvalid
    }

    /// The beacon entries (Lotus `ValidateBlockValues`), at the block's network version.
    func checkBeaconValues(_ header: BlockHeader, parentEpoch: Int64, previous: BeaconEntry) async -> BlockValidationError? {
        do {
            try beacons.validateBlockValues(
                networkVersion: context.networkVersion(at: header.height), header: header, parentEpoch: parentEpoch,
                previous: previous)
            return nil
        } catch {
            return .beaconValues(error)
        }
    }

    /// Lotus's `winnerCheck`: a claimed win, an eligible miner, the election VRF, a miner not
    /// slashed, and the win count its lookback power gives.
    func checkElection(
        _ header: BlockHeader, _ proof: ElectionProof, base: TipSet, lookback: LookbackState, beaconBase: BeaconEntry,
        worker: Address
    ) async -> BlockValidationError? {
        await outcome { () async throws(BlockValidationError) in
            guard proof.winCount >= 1 else { throw .notClaimingToWin(winCount: proof.winCount) }
            if let why = try await ineligibility(header.miner, base: base, lookback: lookback) {
                throw .minerIneligible(header.miner, why)
            }
            let vrfBase = Election.electionVRFInput(miner: header.miner, round: header.height, beaconBase: beaconBase)
            guard Self.verifyVRF(proof.vrfProof, over: vrfBase, worker: worker) else { throw .electionVRFInvalid }

            let baseClaim = try await fact("miner claim", { try await context.powerClaim(header.miner, stateRoot: base.parentStateRoot) })
            guard baseClaim != nil else { throw .minerSlashed(header.miner) }

            let minerPower = try await fact("miner power", { try await context.powerClaim(header.miner, stateRoot: lookback.stateRoot) })
            let totalPower = try await fact("total power", { try await context.totalPower(stateRoot: lookback.stateRoot) })
            let computed = proof.computeWinCount(
                power: minerPower?.qualityAdjPower ?? 0, totalPower: totalPower.qualityAdjPower,
                blocksPerEpoch: context.parameters.blocksPerEpoch)
            guard proof.winCount == computed else { throw .winCountMismatch(claimed: proof.winCount, computed: computed) }
        }
    }

    /// Lotus `MinerEligibleToMine`: the consensus minimum at the lookback tipset's parent state; from
    /// network version 4 also, at the parent state, a positive claim, no fee debt and no running
    /// consensus-fault penalty. Nil when eligible.
    func ineligibility(_ miner: Address, base: TipSet, lookback: LookbackState) async throws(BlockValidationError)
        -> BlockValidationError.Ineligibility?
    {
        let meetsMinimum = try await fact("consensus minimum", {
            try await context.meetsConsensusMinimum(miner, stateRoot: lookback.tipSet.parentStateRoot)
        })
        guard meetsMinimum else { return .belowConsensusMinimum }
        guard context.networkVersion(at: base.height) > 3 else { return nil }

        guard let standing = try await fact("miner standing", { try await context.minerStanding(miner, stateRoot: base.parentStateRoot) })
        else { return .notAMiner }
        let claim = try await fact("miner claim", { try await context.powerClaim(miner, stateRoot: base.parentStateRoot) })
        guard let claim, claim.qualityAdjPower > 0 else { return .noPower }
        guard standing.feeDebt == .zero else { return .feeDebt(standing.feeDebt) }
        guard base.height > standing.consensusFaultElapsed else {
            return .consensusFault(elapsed: standing.consensusFaultElapsed)
        }
        return nil
    }

    /// Lotus `VerifyVRF`: the proof is a BLS signature of `vrfBase` by the worker key.
    static func verifyVRF(_ proof: [UInt8], over vrfBase: [UInt8], worker: Address) -> Bool {
        Signature(kind: .bls, data: proof).verifies(vrfBase, signer: worker)
    }

    /// The parent base fee is the one computed from the parent tipset (Lotus's `baseFeeCheck`).
    func checkBaseFee(_ header: BlockHeader, base: TipSet) async -> BlockValidationError? {
        await outcome { () async throws(BlockValidationError) in
            let computed = try await fact("base fee", { try await context.baseFee(after: base) })
            guard computed == header.parentBaseFee else {
                throw .parentBaseFeeMismatch(header: header.parentBaseFee, computed: computed)
            }
        }
    }

    /// The parent state and receipts roots are the parent tipset's execution results (Lotus's
    /// `stateRootCheck`).
    func checkParentState(_ header: BlockHeader, base: TipSet) async -> BlockValidationError? {
        await outcome { () async throws(BlockValidationError) in
            let computed = try await fact("parent tipset state", { try await context.computedState(of: base) })
            guard computed.stateRoot == header.parentStateRoot else {
                throw .parentStateRootMismatch(header: header.parentStateRoot, computed: computed.stateRoot)
            }
            guard computed.receiptsRoot == header.parentMessageReceipts else {
                throw .parentReceiptsRootMismatch(header: header.parentMessageReceipts, computed: computed.receiptsRoot)
            }
        }
    }

    // MARK: Helpers

    /// Reads a chain fact; a read that fails is `chainFactUnavailable`.
    func fact<T>(_ what: String, _ read: () async throws -> T) async throws(BlockValidationError) -> T {
        do {
            return try await read()
        } catch {
            throw .chainFactUnavailable(fact: what, reason: "\(error)")
        }
    }

    /// Runs one concurrent check: nil when it passes, its error when it fails.
    func outcome(_ check: () async throws(BlockValidationError) -> Void) async -> BlockValidationError? {
        do {
            try await check()
            return nil
        } catch {
            return error
        }
    }
}
