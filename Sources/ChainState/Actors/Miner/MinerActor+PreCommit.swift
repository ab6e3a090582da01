import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// Sector sealing: PreCommitSector, ProveCommitSector, ConfirmSectorProofsValid,
/// CheckSectorProven, CompactSectorNumbers.
extension MinerActor {
    /// `SealProofSectorMaximumLifetime`: five years of 1,051,200 epochs for every seal proof.
    static let sectorMaximumLifetime: Int64 = 5 * 1_051_200
    /// v2 `ErrBalanceInvariantBroken`.
    static let errBalanceInvariantBroken = ExitCode(1000)

    /// `SealedCIDPrefix`: CIDv1, fil-commitment-sealed, poseidon-bls12_381-a1-fc1, 32 bytes.
    static func hasSealedPrefix(_ cid: CID) -> Bool {
        cid.version == .v1 && cid.codec == Multicodec.filCommitmentSealed
            && cid.multihash.code == Multihash.poseidonBLS12381 && cid.multihash.digest.count == 32
    }

    /// v0 `MaxSealDuration` / v2 `MaxProveCommitDuration` of a (known) seal proof.
    func maxProveCommitDuration() -> Int64 {
        v2 ? policy.maxProveCommitDuration() : MinerPolicy.maxSealDurationV0
    }

    /// `validateExpiration`.
    func validateExpiration(_ rt: any Runtime, activation: Int64, expiration: Int64) throws(ActorError) {
        if v2, expiration <= activation {
            throw ActorError(.errIllegalArgument, "sector expiration \(expiration) must be after activation (\(activation))")
        }
        guard expiration &- activation >= MinerPolicy.minSectorExpiration else {
            throw ActorError(.errIllegalArgument, "invalid expiration \(expiration), total sector lifetime must exceed the minimum after activation \(activation)")
        }
        guard expiration <= rt.epoch + MinerPolicy.maxSectorExpirationExtension else {
            throw ActorError(.errIllegalArgument, "invalid expiration \(expiration), cannot be more than \(MinerPolicy.maxSectorExpirationExtension) past current epoch \(rt.epoch)")
        }
        guard expiration &- activation <= Self.sectorMaximumLifetime else {
            throw ActorError(.errIllegalArgument, "invalid expiration \(expiration), total sector lifetime cannot exceed \(Self.sectorMaximumLifetime) after activation \(activation)")
        }
    }

    // MARK: PreCommitSector

    func preCommitSector(_ rt: any Runtime, _ params: SectorPreCommitInfo) throws(ActorError) -> [UInt8] {
        let epoch = rt.epoch
        guard policy.supportedProofTypes.contains(params.sealProof) else {
            throw ActorError(.errIllegalArgument, "unsupported seal proof type: \(params.sealProof)")
        }
        guard params.sectorNumber <= MinerPolicy.maxSectorNumber else {
            throw ActorError(.errIllegalArgument, "sector number \(params.sectorNumber) out of range 0..(2^63-1)")
        }
        guard Self.hasSealedPrefix(params.sealedCID) else { throw ActorError(.errIllegalArgument, "sealed CID had wrong prefix") }
        guard params.sealRandEpoch < epoch else {
            throw ActorError(.errIllegalArgument, "seal challenge epoch \(params.sealRandEpoch) must be before now \(epoch)")
        }
        let challengeEarliest = v2
            ? epoch - MinerPolicy.maxPreCommitRandomnessLookback
            : epoch - MinerPolicy.chainFinality - MinerPolicy.maxSealDurationV0
        guard params.sealRandEpoch >= challengeEarliest else {
            throw ActorError(.errIllegalArgument, "seal challenge epoch \(params.sealRandEpoch) too old, must be after \(challengeEarliest)")
        }
        if v2 {
            try validateExpiration(rt, activation: epoch + maxProveCommitDuration(), expiration: params.expiration)
        } else if params.expiration <= epoch {
            throw ActorError(.errIllegalArgument, "sector expiration \(params.expiration) must be after now (\(epoch))")
        }
        if params.replaceCapacity && params.dealIDs.isEmpty {
            throw ActorError(.errIllegalArgument, "cannot replace sector without committing deals")
        }
        guard params.replaceSectorDeadline < MinerPolicy.wpostPeriodDeadlines else {
            throw ActorError(.errIllegalArgument, "invalid deadline \(params.replaceSectorDeadline)")
        }
        guard params.replaceSectorNumber <= MinerPolicy.maxSectorNumber else {
            throw ActorError(.errIllegalArgument, "invalid sector number \(params.replaceSectorNumber)")
        }

        let rewardStats = try MinerCalls.requestCurrentEpochBlockReward(rt)
        let power = try MinerCalls.requestCurrentTotalPower(rt)
        let weights = try MinerCalls.requestDealWeight(rt, dealIDs: params.dealIDs, start: epoch, expiry: params.expiration)

        let store = rt.store
        let version = actorsVersion
        let (newlyVested, feeToBurn) = try rt.transaction(MinerState.self) {
            (state: inout MinerState) throws(ActorError) -> (TokenAmount, TokenAmount) in
            var newlyVested = TokenAmount.zero
            var feeToBurn = TokenAmount.zero
            var available = TokenAmount.zero
            if v2 {
                if rt.networkVersion < 7 { newlyVested = try state.unlockVestedFunds(store, epoch: epoch, actorsVersion: version) }
                available = try state.availableBalance(try rt.currentBalance(), actorsVersion: version)
                feeToBurn = try state.repayDebts(balance: try rt.currentBalance())
            }
            let info = try state.loadInfo(store)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            if v2, let elapsed = info.consensusFaultElapsed, epoch <= elapsed {
                throw ActorError(.errForbidden, "precommit not allowed during active consensus fault")
            }
            guard params.sealProof == info.sealProofType else {
                throw ActorError(.errIllegalArgument, "sector seal proof \(params.sealProof) must match miner seal proof type \(info.sealProofType)")
            }
            let dealMax = MinerPolicy.sectorDealsMax(sectorSize: info.sectorSize)
            guard UInt64(params.dealIDs.count) <= dealMax else {
                throw ActorError(.errIllegalArgument, "too many deals for sector \(params.dealIDs.count) > \(dealMax)")
            }
            if v2, weights.dealSpace > info.sectorSize {
                throw ActorError(.errIllegalArgument, "deals too large to fit in sector \(weights.dealSpace) > \(info.sectorSize)")
            }
            try state.allocateSectorNumber(store, params.sectorNumber)
            if try state.getPrecommittedSector(store, params.sectorNumber, actorsVersion: version) != nil {
                throw ActorError(.errIllegalState, "sector \(params.sectorNumber) already pre-committed")
            }
            if try state.hasSectorNumber(store, params.sectorNumber) {
                throw ActorError(.errIllegalState, "sector \(params.sectorNumber) already committed")
            }
            var depositMinimum = TokenAmount.zero
            if !v2 {
                try validateExpiration(rt, activation: epoch + maxProveCommitDuration(), expiration: params.expiration)
            }
            if params.replaceCapacity {
                depositMinimum = try validateReplaceSector(rt, state, params).initialPledge
            }
            if !v2 {
                newlyVested = try state.unlockVestedFunds(store, epoch: epoch, actorsVersion: version)
                available = try state.availableBalance(try rt.currentBalance(), actorsVersion: version)
            }
            let duration = params.expiration - epoch
            let sectorWeight = MinerPolicy.qaPowerForWeight(
                sectorSize: info.sectorSize, duration: duration, dealWeight: weights.dealWeight, verifiedWeight: weights.verifiedDealWeight)
            var deposit = MinerMonies.preCommitDepositForPower(
                rewardEstimate: rewardStats.rewardSmoothed, networkQAPowerEstimate: power.qualityAdjPowerSmoothed,
                qaSectorPower: sectorWeight, actorsVersion: version)
            // v0 lower-bounds the deposit by the replaced sector's pledge; v2 does it at activation.
            if !v2 { deposit = max(deposit, depositMinimum) }
            guard available >= deposit else {
                throw ActorError(.errInsufficientFunds, "insufficient funds for pre-commit deposit: \(deposit)")
            }
            try state.addPreCommitDeposit(deposit)
            if !v2 { try state.assertBalanceInvariants(try rt.currentBalance()) }
            try state.putPrecommittedSector(
                store,
                SectorPreCommitOnChainInfo(
                    info: params, preCommitDeposit: deposit, preCommitEpoch: epoch, dealWeight: weights.dealWeight,
                    verifiedDealWeight: weights.verifiedDealWeight),
                actorsVersion: version)
            // +1 so a proof arriving exactly on the due epoch is still confirmed before expiry.
            try state.addPreCommitExpiry(store, epoch: epoch + maxProveCommitDuration() + 1, params.sectorNumber)
            return (newlyVested, feeToBurn)
        }
        if v2 {
            try MinerCalls.burnFunds(rt, feeToBurn)
            let state = try rt.state(MinerState.self)
            if let violation = state.balanceInvariantViolation(try rt.currentBalance()) {
                throw ActorError(Self.errBalanceInvariantBroken, "balance invariants broken: \(violation)")
            }
        }
        try MinerCalls.notifyPledgeChanged(rt, TokenAmount.zero - newlyVested)
        return []
    }

    /// `validateReplaceSector`: the replaced sector exists, has no deals, the same seal proof, an
    /// expiration no later than the new one's, and is healthy; returns it.
    func validateReplaceSector(_ rt: any Runtime, _ state: MinerState, _ params: SectorPreCommitInfo) throws(ActorError) -> SectorOnChainInfo {
        guard let replaced = try state.getSector(rt.store, params.replaceSectorNumber) else {
            throw ActorError(.errNotFound, "no such sector \(params.replaceSectorNumber) to replace")
        }
        guard replaced.dealIDs.isEmpty else {
            throw ActorError(.errIllegalArgument, "cannot replace sector \(params.replaceSectorNumber) which has deals")
        }
        guard params.sealProof == replaced.sealProof else {
            throw ActorError(.errIllegalArgument, "cannot replace sector \(params.replaceSectorNumber) seal proof \(replaced.sealProof) with seal proof \(params.sealProof)")
        }
        guard params.expiration >= replaced.expiration else {
            throw ActorError(.errIllegalArgument, "cannot replace sector \(params.replaceSectorNumber) expiration \(replaced.expiration) with sooner expiration \(params.expiration)")
        }
        try state.checkSectorHealth(
            rt.store, deadline: params.replaceSectorDeadline, partition: params.replaceSectorPartition,
            sector: params.replaceSectorNumber, actorsVersion: actorsVersion)
        return replaced
    }

    // MARK: ProveCommitSector

    func proveCommitSector(_ rt: any Runtime, _ params: ProveCommitSectorParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCallerAcceptAny()
        let store = rt.store
        let number = params.sectorNumber
        let precommit: SectorPreCommitOnChainInfo
        if v2 {
            guard number <= MinerPolicy.maxSectorNumber else { throw ActorError(.errIllegalArgument, "sector number greater than maximum") }
            let maxProofSize = rt.networkVersion >= 5 ? 10240 : 1024
            guard params.proof.count <= maxProofSize else {
                throw ActorError(.errIllegalArgument, "sector prove-commit proof of size \(params.proof.count) exceeds max size of \(maxProofSize)")
            }
            let version = actorsVersion
            precommit = try rt.transaction(MinerState.self) { (state: inout MinerState) throws(ActorError) -> SectorPreCommitOnChainInfo in
                guard let found = try state.getPrecommittedSector(store, number, actorsVersion: version) else {
                    throw ActorError(.errNotFound, "no pre-committed sector \(number)")
                }
                return found
            }
        } else {
            let state = try rt.state(MinerState.self)
            guard try state.meetsInitialPledgeCondition(try rt.currentBalance()) else {
                throw ActorError(.errInsufficientFunds, "unlocked balance does not cover pledge requirements")
            }
            guard let found = try state.getPrecommittedSector(store, number, actorsVersion: actorsVersion) else {
                throw ActorError(.errNotFound, "no pre-committed sector \(number)")
            }
            precommit = found
        }
        let due = precommit.preCommitEpoch + maxProveCommitDuration()
        guard rt.epoch <= due else {
            throw ActorError(.errIllegalArgument, "commitment proof for \(number) too late at \(rt.epoch), due \(due)")
        }
        let info = try sealVerifyInfo(rt, precommit: precommit, proof: params.proof)
        let result = try rt.send(
            to: BuiltinAddress.powerActor, method: MinerCalls.powerSubmitPoRepForBulkVerify, params: info.cborBytes, value: .zero)
        try MinerCalls.require(result, "failed to submit proof for bulk verification")
        return []
    }

    /// `getVerifyInfo`: the seal's verification input, with both randomness draws.
    func sealVerifyInfo(_ rt: any Runtime, precommit: SectorPreCommitOnChainInfo, proof: [UInt8]) throws(ActorError) -> SealVerifyInfo {
        let interactiveEpoch = precommit.preCommitEpoch + policy.preCommitChallengeDelay
        guard rt.epoch > interactiveEpoch else { throw ActorError(.errForbidden, "too early to prove sector") }
        if !v2 {
            let earliest = rt.epoch - MinerPolicy.chainFinality - MinerPolicy.maxSealDurationV0
            guard precommit.info.sealRandEpoch >= earliest else {
                throw ActorError(.errIllegalArgument, "seal epoch \(precommit.info.sealRandEpoch) too old, expected >= \(earliest)")
            }
        }
        let commD = try MinerCalls.requestUnsealedSectorCID(rt, proof: precommit.info.sealProof, dealIDs: precommit.info.dealIDs)
        guard let minerID = rt.receiver.idValue else { throw MinerState.assertionFailure("receiver is not an ID address") }
        let entropy = rt.receiver.cborBytes
        let randomness = try rt.randomness(
            fromTickets: true, tag: MinerActor.tagSealRandomness, epoch: precommit.info.sealRandEpoch, entropy: entropy)
        let interactive = try rt.randomness(
            fromTickets: false, tag: MinerActor.tagInteractiveSealChallengeSeed, epoch: interactiveEpoch, entropy: entropy)
        return SealVerifyInfo(
            sealProof: precommit.info.sealProof, minerID: minerID, sectorNumber: precommit.info.sectorNumber,
            dealIDs: precommit.info.dealIDs, randomness: randomness, interactiveRandomness: interactive, proof: proof,
            sealedCID: precommit.info.sealedCID, unsealedCID: commD)
    }

    /// `crypto.DomainSeparationTag` values the miner draws with.
    static let tagTicketProduction: Int64 = 1
    static let tagElectionProofProduction: Int64 = 2
    static let tagWinningPoStChallengeSeed: Int64 = 3
    static let tagWindowedPoStChallengeSeed: Int64 = 4
    static let tagSealRandomness: Int64 = 5
    static let tagInteractiveSealChallengeSeed: Int64 = 6
    static let tagWindowedPoStDeadlineAssignment: Int64 = 7

    // MARK: CheckSectorProven

    func checkSectorProven(_ rt: any Runtime, _ params: CheckSectorProvenParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCallerAcceptAny()
        if v2, params.sectorNumber > MinerPolicy.maxSectorNumber {
            throw ActorError(.errIllegalArgument, "sector number out of range")
        }
        let state = try rt.state(MinerState.self)
        let found = try Self.recoding(.errIllegalState, "failed to load proven sector \(params.sectorNumber)") { () throws(ActorError) in
            try state.getSector(rt.store, params.sectorNumber)
        }
        guard found != nil else { throw ActorError(.errNotFound, "sector \(params.sectorNumber) not proven") }
        return []
    }

    // MARK: CompactSectorNumbers

    func compactSectorNumbers(_ rt: any Runtime, _ params: CompactSectorNumbersParams) throws(ActorError) -> [UInt8] {
        let mask: Bitfield
        do { mask = try params.maskSectorNumbers.decoded() } catch {
            throw ActorError(.errIllegalArgument, "invalid mask bitfield: \(error)")
        }
        guard let last = mask.last else { throw ActorError(.errIllegalArgument, "invalid mask bitfield: bitfield was empty") }
        guard last <= MinerPolicy.maxSectorNumber else {
            throw ActorError(.errIllegalArgument, "masked sector number \(last) exceeded max sector number")
        }
        try rt.transaction(MinerState.self) { (state: inout MinerState) throws(ActorError) in
            let info = try state.loadInfo(rt.store)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            try state.maskSectorNumbers(rt.store, mask)
        }
        return []
    }
}
