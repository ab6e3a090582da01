import BigInt
import FilecoinTypes
import Proofs

/// The VRF inputs and outputs of Expected Consensus, for the block producer (Lotus's miner:
/// `computeTicket`, `IsRoundWinner`, the winning PoSt randomness) and the validator alike: the
/// validator verifies exactly the inputs these functions draw, so a block made with them passes.
///
/// A VRF output is the worker's BLS signature over the input; signing goes through a
/// `MiningSigner`, so the worker key can live in a remote wallet.
public enum Election {
    /// The beacon entry a block's randomness is drawn from: its newest own entry, else the
    /// newest entry before it on the chain.
    public static func beaconBase(entries: [BeaconEntry], previous: BeaconEntry) -> BeaconEntry {
        entries.last ?? previous
    }

    /// The timestamp of a block at `round` on `base` (Lotus miner: the base's smallest timestamp
    /// plus a block delay per epoch, null rounds included): the one the validator requires. Nil
    /// when `round` is not after the base or the sum overflows.
    public static func timestamp(round: Int64, base: TipSet, blockDelaySeconds: UInt64) -> UInt64? {
        BlockValidator.expectedTimestamp(
            parentMin: base.minTimestamp, parentHeight: base.height, height: round, blockDelay: blockDelaySeconds)
    }

    /// The ticket's VRF input: the ticket-production randomness of the round
    /// `TicketRandomnessLookback` before `round`, with the miner's CBOR address and (after the
    /// smoke upgrade) the base's smallest ticket as entropy. Nil when that ticket is needed and the
    /// base has none.
    public static func ticketVRFInput(
        miner: Address, round: Int64, beaconBase: BeaconEntry, parentMinTicket: Ticket?, parameters: ConsensusParameters
    ) -> [UInt8]? {
        var entropy = miner.cborBytes
        if round > parameters.upgradeSmokeHeight {
            guard let parentMinTicket else { return nil }
            entropy += parentMinTicket.vrfProof
        }
        return Randomness.draw(
            base: beaconBase.data, tag: .ticketProduction, round: round - parameters.ticketRandomnessLookback,
            entropy: entropy)
    }

    /// The election proof's VRF input: the election-proof randomness of `round` with the miner's
    /// CBOR address as entropy.
    public static func electionVRFInput(miner: Address, round: Int64, beaconBase: BeaconEntry) -> [UInt8] {
        Randomness.draw(base: beaconBase.data, tag: .electionProofProduction, round: round, entropy: miner.cborBytes)
    }

    /// The winning PoSt challenge randomness of `round` (Lotus draws it in `MinerGetBaseInfo`, the
    /// miner and `VerifyWinningPoStProof` alike).
    public static func winningPoStRandomness(miner: Address, round: Int64, beaconBase: BeaconEntry) -> [UInt8] {
        Randomness.draw(base: beaconBase.data, tag: .winningPoStChallengeSeed, round: round, entropy: miner.cborBytes)
    }

    /// Lotus `ComputeVRF`: the worker's signature over `input`, which must be a BLS signature.
    public static func computeVRF(_ input: [UInt8], worker: Address, signer: MiningSigner) async throws(MiningError) -> [UInt8] {
        let signature = try await signer.sign(input, by: worker)
        guard signature.kind == .bls else { throw .workerKeyNotBLS(worker) }
        return signature.data
    }

    /// The ticket for a block at `round` on `base` (Lotus miner `computeTicket`).
    public static func ticket(
        miner: Address, round: Int64, base: TipSet, beaconBase: BeaconEntry, worker: Address, signer: MiningSigner,
        parameters: ConsensusParameters
    ) async throws(MiningError) -> Ticket {
        guard let input = ticketVRFInput(
            miner: miner, round: round, beaconBase: beaconBase, parentMinTicket: base.minTicket, parameters: parameters)
        else { throw .baseHasNoTicket(base.key) }
        return Ticket(vrfProof: try await computeVRF(input, worker: worker, signer: signer))
    }

    /// Lotus `IsRoundWinner`: the election proof when the miner's lookback power wins at least
    /// once at `round`, else nil. The win count is the validator's (`ElectionProof.computeWinCount`).
    public static func electionProof(
        miner: Address, round: Int64, beaconBase: BeaconEntry, worker: Address, minerPower: BigInt, networkPower: BigInt,
        blocksPerEpoch: Int64, signer: MiningSigner
    ) async throws(MiningError) -> ElectionProof? {
        let input = electionVRFInput(miner: miner, round: round, beaconBase: beaconBase)
        var proof = ElectionProof(winCount: 0, vrfProof: try await computeVRF(input, worker: worker, signer: signer))
        proof.winCount = proof.computeWinCount(power: minerPower, totalPower: networkPower, blocksPerEpoch: blocksPerEpoch)
        return proof.winCount >= 1 ? proof : nil
    }

    /// The winning PoSt over the sectors base info names for `round`, made by `prover` (the mock
    /// prover on devnets; a real miner's comes from its remote prover).
    public static func winningPoSt(
        miner: Address, round: Int64, baseInfo: MiningBaseInfo, prover: any Prover
    ) throws(MiningError) -> [PoStProof] {
        guard miner.protocol == .id, let minerID = miner.idValue else { throw .minerNotIDAddress(miner) }
        guard let first = baseInfo.sectors.first else { throw .noSectorsToProve(miner) }
        let randomness = winningPoStRandomness(miner: miner, round: round, beaconBase: baseInfo.beaconBase)
        do throws(ProofError) {
            return try prover.winningPoSt(
                proofType: try first.sealProof.winningPoStProof(), minerID: minerID, randomness: randomness,
                sectors: baseInfo.sectors)
        } catch {
            throw .proving(error)
        }
    }
}
