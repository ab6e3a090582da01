import ChainState
import DagCBOR
import FilecoinCrypto
import FilecoinTypes
import Proofs

/// The parameters and mock proofs of the miners' messages, made exactly as the actors will check
/// them: the sealed CID of a sector is derived from its miner and number, the randomness is the
/// devnet's ``SyntheticRandomness``, the proofs are `MockProofs`'.
extension SectorDevnet {
    /// `DomainSeparationTag` values the miner actor draws with.
    static let tagWindowedPoStChallengeSeed: Int64 = 4
    static let tagSealRandomness: Int64 = 5
    static let tagInteractiveSealChallengeSeed: Int64 = 6
    static let tagPoStChainCommit: Int64 = 9

    /// A CommR for the sector: CIDv1, fil-commitment-sealed, poseidon-bls12_381-a1-fc1, whose
    /// 32 bytes are a hash of the miner and sector number with the top bits cleared (so it is a
    /// canonical field element, as a real CommR is).
    static func sealedCID(minerID: UInt64, sectorNumber: UInt64) throws(SectorDevnetError) -> CID {
        var input = Array("synthetic devnet CommR".utf8)
        for value in [minerID, sectorNumber] {
            for shift in stride(from: 56, through: 0, by: -8) { input.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }
        var digest = Blake2b.hash256(input)
        digest[31] &= 0x3f
        do {
            return try CID(
                version: .v1, codec: Multicodec.filCommitmentSealed,
                multihash: try Multihash(code: Multihash.poseidonBLS12381, digest: digest))
        } catch {
            throw .proofFailed("sealed CID of sector \(sectorNumber) of miner \(minerID): \(error)")
        }
    }

    /// Sector expiration for a pre-commit at `epoch`: past the minimum lifetime from the latest
    /// activation v2 allows, well within the maximum extension.
    static func expiration(preCommitEpoch epoch: Int64) -> Int64 {
        epoch + minerPolicy.maxProveCommitDuration() + MinerPolicy.minSectorExpiration + 20_000
    }

    /// PreCommitSector's parameters for `sectorNumber` pre-committed at `epoch` (no deals, seal
    /// randomness from the epoch before).
    static func preCommitParams(sectorNumber: UInt64, minerID: UInt64, epoch: Int64) throws(SectorDevnetError) -> SectorPreCommitInfo {
        SectorPreCommitInfo(
            sealProof: sealProof, sectorNumber: sectorNumber, sealedCID: try sealedCID(minerID: minerID, sectorNumber: sectorNumber),
            sealRandEpoch: epoch - 1, dealIDs: [], expiration: expiration(preCommitEpoch: epoch))
    }

    /// ProveCommitSector's parameters: the mock seal proof over the randomness the miner draws
    /// for a sector pre-committed at `pending.preCommitEpoch`.
    func proveCommitParams(minerID: UInt64, _ pending: PendingPreCommit) throws(SectorDevnetError) -> ProveCommitSectorParams {
        let randomness = SyntheticRandomness()
        let entropy = Address.idAddress(minerID).cborBytes
        let sealRandomness = randomness.draw(
            fromTickets: true, tag: Self.tagSealRandomness, epoch: pending.preCommitEpoch - 1, entropy: entropy)
        let interactive = randomness.draw(
            fromTickets: false, tag: Self.tagInteractiveSealChallengeSeed,
            epoch: pending.preCommitEpoch + Self.minerPolicy.preCommitChallengeDelay, entropy: entropy)
        do {
            let proof = try MockProofs().sealProof(
                sealProof: Self.sealProof, minerID: minerID, sectorNumber: pending.sectorNumber,
                sealedCID: try Self.sealedCID(minerID: minerID, sectorNumber: pending.sectorNumber), unsealedCID: unsealedCID,
                randomness: sealRandomness, interactiveRandomness: interactive)
            return ProveCommitSectorParams(sectorNumber: pending.sectorNumber, proof: proof)
        } catch {
            throw .proofFailed("seal proof of sector \(pending.sectorNumber) of miner \(minerID): \(error)")
        }
    }

    /// SubmitWindowedPoSt's parameters for one partition of the deadline open at `epoch`, with
    /// the chain committed at the epoch before.
    static func windowPoStParams(
        minerID: UInt64, _ deadline: DeadlineInfo, _ partition: PartitionToProve, epoch: Int64
    ) throws(SectorDevnetError) -> SubmitWindowedPoStParams {
        let randomness = SyntheticRandomness()
        let challenge = randomness.draw(
            fromTickets: false, tag: tagWindowedPoStChallengeSeed, epoch: deadline.challenge,
            entropy: Address.idAddress(minerID).cborBytes)
        var sectors: [SectorInfo] = []
        for number in partition.sectors {
            sectors.append(SectorInfo(sealProof: sealProof, sectorNumber: number, sealedCID: try sealedCID(minerID: minerID, sectorNumber: number)))
        }
        let proofs: [PoStProof]
        do {
            proofs = try MockProofs().windowPoSt(
                proofType: try sealProof.windowPoStProof(), minerID: minerID, randomness: challenge, sectors: sectors)
        } catch {
            throw .proofFailed("window PoSt of partition \(partition.index) of miner \(minerID): \(error)")
        }
        let commitEpoch = epoch - 1
        return SubmitWindowedPoStParams(
            deadline: deadline.index, partitions: [PoStPartition(index: partition.index)], proofs: proofs,
            chainCommitEpoch: commitEpoch,
            chainCommitRand: randomness.draw(fromTickets: true, tag: tagPoStChainCommit, epoch: commitEpoch, entropy: []))
    }

    // MARK: Setup messages (implicit, from the worker)

    mutating func preCommit(_ stepper: EpochStepper, minerIndex: Int) throws(SectorDevnetError) {
        let miner = miners[minerIndex]
        let number = miner.nextSectorNumber
        let params = try Self.preCommitParams(sectorNumber: number, minerID: miner.id, epoch: stepper.epoch)
        try stepper.apply(
            "PreCommitSector \(number) of miner \(miner.id)", from: .idAddress(miner.workerID), to: miner.address,
            method: MinerMethod.preCommitSector.rawValue, params: params.cborBytes)
        miners[minerIndex].nextSectorNumber += 1
        miners[minerIndex].pending.append(PendingPreCommit(sectorNumber: number, preCommitEpoch: stepper.epoch))
    }

    func proveCommit(_ stepper: EpochStepper, minerIndex: Int, _ pending: PendingPreCommit) throws(SectorDevnetError) {
        let miner = miners[minerIndex]
        let params = try proveCommitParams(minerID: miner.id, pending)
        try stepper.apply(
            "ProveCommitSector \(pending.sectorNumber) of miner \(miner.id)", from: .idAddress(miner.workerID), to: miner.address,
            method: MinerMethod.proveCommitSector.rawValue, params: params.cborBytes)
    }

    func submitWindowPoSt(
        _ stepper: EpochStepper, minerIndex: Int, _ deadline: DeadlineInfo, _ partition: PartitionToProve
    ) throws(SectorDevnetError) {
        let miner = miners[minerIndex]
        let params = try Self.windowPoStParams(minerID: miner.id, deadline, partition, epoch: stepper.epoch)
        try stepper.apply(
            "SubmitWindowedPoSt deadline \(deadline.index) partition \(partition.index) of miner \(miner.id)",
            from: .idAddress(miner.workerID), to: miner.address, method: MinerMethod.submitWindowedPoSt.rawValue,
            params: params.cborBytes)
    }
}
