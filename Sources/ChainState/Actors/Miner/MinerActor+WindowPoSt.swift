import DagCBOR
import FilecoinTypes
import Proofs

/// SubmitWindowedPoSt (specs-actors v0 and v2) and the proof check it makes.
extension MinerActor {
    /// `DomainSeparationTag_WindowedPoStChallengeSeed`.
    static let windowedPoStChallengeSeedTag: Int64 = 4
    /// `DomainSeparationTag_PoStChainCommit`.
    static let postChainCommitTag: Int64 = 9
    /// `abi.RandomnessLength`.
    static let randomnessLength = 32

    func submitWindowedPoSt(_ rt: any Runtime, _ raw: [UInt8]) throws(ActorError) -> [UInt8] {
        let params = try rt.decodeParams(SubmitWindowedPoStParams.self, raw)
        if rt.actorsVersion >= 2 { return try submitWindowedPoStV2(rt, params) }
        return try submitWindowedPoStV0(rt, params)
    }

    private func submitWindowedPoStV2(_ rt: any Runtime, _ params: SubmitWindowedPoStParams) throws(ActorError) -> [UInt8] {
        let epoch = rt.epoch
        let store = rt.store
        guard params.deadline < MinerDeadlinePolicy.wpostPeriodDeadlines else {
            throw ActorError(.errIllegalArgument, "invalid deadline \(params.deadline) of \(MinerDeadlinePolicy.wpostPeriodDeadlines)")
        }
        guard params.chainCommitRand.count <= Self.randomnessLength else {
            throw ActorError(.errIllegalArgument, "expected at most 32 bytes of randomness, got \(params.chainCommitRand.count)")
        }
        var partitionIndexes = Bitfield()
        if rt.networkVersion >= 7 {
            for partition in params.partitions { try? partitionIndexes.insert(partition.index) }
        }
        let powerDelta = try rt.transaction(MinerState.self) { (state) throws(ActorError) -> PowerPair in
            let info = try minerInfo(rt, state)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            let proofType: RegisteredPoStProof
            do { proofType = try info.sealProofType.windowPoStProof() } catch {
                throw ActorError(.errIllegalState, "failed to determine window PoSt type: \(error)")
            }
            guard params.proofs.count == 1 else {
                throw ActorError(.errIllegalArgument, "expected exactly one proof, got \(params.proofs.count)")
            }
            guard params.proofs[0].proofType == proofType.rawValue else {
                throw ActorError(.errIllegalArgument, "expected proof of type \(proofType), got proof of type \(params.proofs[0].proofType)")
            }
            let limit = MinerDeadlinePolicy.loadPartitionsSectorsMax(partitionSectorCount: info.windowPoStPartitionSectors, actorsVersion: 2)
            guard UInt64(params.partitions.count) <= limit else {
                throw ActorError(.errIllegalArgument, "too many partitions \(params.partitions.count), limit \(limit)")
            }
            let current = state.deadlineInfo(epoch)
            guard current.isOpen else {
                throw ActorError(.errIllegalState, "proving period \(current.periodStart) not yet open at \(epoch)")
            }
            guard params.deadline == current.index else {
                throw ActorError(.errIllegalArgument, "invalid deadline \(params.deadline) at epoch \(epoch), expected \(current.index)")
            }
            guard params.chainCommitEpoch >= current.challenge else {
                throw ActorError(.errIllegalArgument, "expected chain commit epoch \(params.chainCommitEpoch) to be after \(current.challenge)")
            }
            guard params.chainCommitEpoch < epoch else {
                throw ActorError(.errIllegalArgument, "chain commit epoch \(params.chainCommitEpoch) must be less than the current epoch \(epoch)")
            }
            let commRand = try rt.randomness(fromTickets: true, tag: Self.postChainCommitTag, epoch: params.chainCommitEpoch, entropy: [])
            guard commRand == params.chainCommitRand else { throw ActorError(.errIllegalArgument, "post commit randomness mismatched") }
            let sectors = try state.loadSectorsArray(store)
            var deadlines = try state.loadDeadlines(store)
            var deadline = try deadlines.loadDeadline(store, params.deadline)
            if rt.networkVersion >= 7 {
                let already = deadline.postSubmissions.intersection(partitionIndexes)
                guard already.isEmpty else { throw ActorError(.errIllegalArgument, "partition already proven: \(already)") }
            }
            let result = try deadline.recordProvenSectors(
                store, sectors: sectors, sectorSize: info.sectorSize, quant: current.quantSpec,
                faultExpiration: current.last + MinerDeadlinePolicy.faultMaxAge, params.partitions, actorsVersion: 2)
            let infos = try sectors.loadForProof(result.sectors, expectedFaults: result.ignoredSectors)
            guard !infos.isEmpty else { throw ActorError(.errIllegalArgument, "cannot prove partitions with no active sectors") }
            try verifyWindowedPoSt(rt, challengeEpoch: current.challenge, sectors: infos, proofs: params.proofs)
            try deadlines.updateDeadline(store, params.deadline, deadline, actorsVersion: 2)
            try state.saveDeadlines(store, deadlines)
            return result.powerDelta
        }
        try MinerCalls.requestUpdatePower(rt, raw: powerDelta.raw, qa: powerDelta.qa)
        let state = try rt.state(MinerState.self)
        try state.assertBalanceInvariants(try rt.currentBalance())
        return []
    }

    private func submitWindowedPoStV0(_ rt: any Runtime, _ params: SubmitWindowedPoStParams) throws(ActorError) -> [UInt8] {
        let epoch = rt.epoch
        let store = rt.store
        guard params.deadline < MinerDeadlinePolicy.wpostPeriodDeadlines else {
            throw ActorError(.errIllegalArgument, "invalid deadline \(params.deadline) of \(MinerDeadlinePolicy.wpostPeriodDeadlines)")
        }
        guard params.chainCommitEpoch < epoch else {
            throw ActorError(.errIllegalArgument, "PoSt chain commitment \(params.chainCommitEpoch) must be in the past")
        }
        guard params.chainCommitEpoch >= epoch - MinerDeadlinePolicy.wpostChallengeWindow else {
            throw ActorError(.errIllegalArgument, "PoSt chain commitment \(params.chainCommitEpoch) too far in the past")
        }
        let commRand = try rt.randomness(fromTickets: true, tag: Self.postChainCommitTag, epoch: params.chainCommitEpoch, entropy: [])
        guard commRand == params.chainCommitRand else { throw ActorError(.errIllegalArgument, "post commit randomness mismatched") }
        let rewardStats = try MinerCalls.requestCurrentEpochBlockReward(rt)
        let totalPower = try MinerCalls.requestCurrentTotalPower(rt)
        let nv = rt.networkVersion
        let (powerDelta, penalty, pledgeDelta) = try rt.transaction(MinerState.self) {
            (state) throws(ActorError) -> (PowerPair, TokenAmount, TokenAmount) in
            let info = try minerInfo(rt, state)
            try rt.validateImmediateCaller(is: Self.controlSet(info))
            let limit = MinerDeadlinePolicy.loadPartitionsSectorsMax(partitionSectorCount: info.windowPoStPartitionSectors, actorsVersion: 0)
            guard UInt64(params.partitions.count) <= limit else {
                throw ActorError(.errIllegalArgument, "too many partitions \(params.partitions.count), limit \(limit)")
            }
            let current = state.deadlineInfo(epoch)
            var deadlines = try state.loadDeadlines(store)
            guard current.isOpen else {
                throw ActorError(.errIllegalState, "proving period \(current.periodStart) not yet open at \(epoch)")
            }
            guard params.deadline == current.index else {
                throw ActorError(.errIllegalArgument, "invalid deadline \(params.deadline) at epoch \(epoch), expected \(current.index)")
            }
            let sectors = try state.loadSectorsArray(store)
            var deadline = try deadlines.loadDeadline(store, params.deadline)
            let result = try deadline.recordProvenSectors(
                store, sectors: sectors, sectorSize: info.sectorSize, quant: current.quantSpec,
                faultExpiration: current.last + MinerDeadlinePolicy.faultMaxAge, params.partitions, actorsVersion: 0)
            // v0's State.LoadSectorInfosForProof opens the sectors AMT afresh (its blocks are read
            // and charged again); v2 reuses the array loaded above.
            let infos = result.sectors.subtracting(result.ignoredSectors).isEmpty
                ? [] : try state.loadSectorsArray(store).loadForProof(result.sectors, expectedFaults: result.ignoredSectors)
            if !infos.isEmpty {
                try verifyWindowedPoSt(rt, challengeEpoch: current.challenge, sectors: infos, proofs: params.proofs)
            }
            var target = TokenAmount.zero
            if nv < 3 {
                let undeclared = result.penaltyPower.qa
                target = MinerMonies.pledgePenaltyForUndeclaredFaultV0(
                    rewardEstimate: rewardStats.rewardSmoothed, networkQAPowerEstimate: totalPower.qualityAdjPowerSmoothed,
                    qaSectorPower: undeclared, networkVersion: nv)
                    - MinerMonies.pledgePenaltyForDeclaredFaultV0(
                        rewardEstimate: rewardStats.rewardSmoothed, networkQAPowerEstimate: totalPower.qualityAdjPowerSmoothed,
                        qaSectorPower: undeclared, networkVersion: nv)
                target += MinerMonies.pledgePenaltyForDeclaredFaultV0(
                    rewardEstimate: rewardStats.rewardSmoothed, networkQAPowerEstimate: totalPower.qualityAdjPowerSmoothed,
                    qaSectorPower: result.recoveredPower.qa, networkVersion: nv)
            }
            let unlocked = try state.unlockedBalance(try rt.currentBalance(), actorsVersion: 0)
            let (fromVesting, fromBalance) = try state.penalizeFundsInPriorityOrderV0(store, epoch: epoch, target: target, unlocked: unlocked)
            try deadlines.updateDeadline(store, params.deadline, deadline, actorsVersion: 0)
            try state.saveDeadlines(store, deadlines)
            return (result.powerDelta, fromVesting + fromBalance, .zero - fromVesting)
        }
        try MinerCalls.requestUpdatePower(rt, raw: powerDelta.raw, qa: powerDelta.qa)
        try MinerCalls.burnFunds(rt, penalty)
        try MinerCalls.notifyPledgeChanged(rt, pledgeDelta)
        return []
    }

    /// `verifyWindowedPost`: the proof over `sectors` with the challenge drawn at `challengeEpoch`
    /// (the receiver's address as entropy); a refused proof is ErrIllegalArgument.
    func verifyWindowedPoSt(_ rt: any Runtime, challengeEpoch: Int64, sectors: [SectorOnChainInfo], proofs: [PoStProof]) throws(ActorError) {
        guard let minerID = rt.receiver.idValue else { throw ActorError(.errIllegalState, "receiver is not an ID address") }
        let randomness = try rt.randomness(
            fromTickets: false, tag: Self.windowedPoStChallengeSeedTag, epoch: challengeEpoch, entropy: rt.receiver.cborBytes)
        let challenged = sectors.map { SectorInfo(sealProof: $0.sealProof, sectorNumber: $0.sectorNumber, sealedCID: $0.sealedCID) }
        let info = WindowPoStVerifyInfo(randomness: randomness, proofs: proofs, challengedSectors: challenged, prover: minerID)
        guard try rt.verifyPoSt(info) else { throw ActorError(.errIllegalArgument, "invalid PoSt") }
    }
}
