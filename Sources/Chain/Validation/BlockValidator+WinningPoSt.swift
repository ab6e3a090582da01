import DagCBOR
import FilecoinTypes
import Proofs

extension BlockValidator {
    /// Lotus `VerifyWinningPoStProof`: the block's winning PoSt proves the sectors the challenge
    /// randomness picks from the miner's proving set at the lookback state.
    func checkWinningPoSt(
        _ header: BlockHeader, minerID: UInt64, beaconBase: BeaconEntry, lookback: LookbackState, networkVersion: UInt64
    ) async -> BlockValidationError? {
        await outcome { () async throws(BlockValidationError) in
            let randomness = Election.winningPoStRandomness(miner: header.miner, round: header.height, beaconBase: beaconBase)
            let sectors = try await winningPoStSectors(
                miner: header.miner, minerID: minerID, randomness: randomness, stateRoot: lookback.stateRoot,
                networkVersion: networkVersion)
            let info = WinningPoStVerifyInfo(
                randomness: randomness, proofs: header.winPoStProof, challengedSectors: sectors, prover: minerID)
            let valid: Bool
            do throws(ProofError) {
                valid = try verifier.verifyWinningPoSt(info)
            } catch {
                throw .winningPoStUnverifiable(error)
            }
            guard valid else { throw .winningPoStInvalid }
        }
    }

    /// Lotus `GetSectorsForWinningPoSt`: the verifier's challenge indices over the proving set,
    /// taken with go-bitfield's iterator (`Nth(n - previous)` from where the last pick left off),
    /// loaded in ascending sector order without repeats. No proving sectors: no challenged sectors.
    func winningPoStSectors(
        miner: Address, minerID: UInt64, randomness: [UInt8], stateRoot: CID, networkVersion: UInt64
    ) async throws(BlockValidationError) -> [SectorInfo] {
        guard let proving = try await fact("proving sectors", {
            try await context.provingSectors(miner, stateRoot: stateRoot, networkVersion: networkVersion)
        }) else { throw .winningPoStSectorsUnavailable("miner \(miner) is not a miner actor at the lookback") }
        let eligible = proving.sectorNumbers
        guard !eligible.isEmpty else { return [] }
        guard let proofType = Self.winningPoStProofType(forWindow: proving.windowPoStProofType) else {
            throw .winningPoStSectorsUnavailable("unknown proof type \(proving.windowPoStProofType.rawValue)")
        }
        let indices: [UInt64]
        do throws(ProofError) {
            indices = try verifier.generateWinningPoStSectorChallenge(
                proofType: proofType, minerID: minerID, randomness: randomness, eligibleSectorCount: UInt64(eligible.count))
        } catch {
            throw .winningPoStSectorsUnavailable("generating winning post challenges: \(error)")
        }
        let selected = try Self.select(indices, from: eligible)
        return try await fact("sector infos", { try await context.sectorInfos(miner, numbers: selected, stateRoot: stateRoot) })
    }

    /// go-bitfield's `BitIterator.Nth(k)` walk: each pick skips `index - previous` set bits past the
    /// one picked before. Ascending and deduplicated, as `LoadSectors` over a bitfield returns them.
    static func select(_ indices: [UInt64], from sorted: [UInt64]) throws(BlockValidationError) -> [UInt64] {
        var position: UInt64 = 0
        var previous: UInt64 = 0
        var picked = Set<UInt64>()
        for index in indices {
            let (skip, underflow) = index.subtractingReportingOverflow(previous)
            let (at, overflow) = position.addingReportingOverflow(skip)
            guard !underflow, !overflow, at < UInt64(sorted.count) else {
                throw .winningPoStSectorsUnavailable("challenge index \(index) is past the \(sorted.count) proving sectors")
            }
            picked.insert(sorted[Int(at)])
            position = at + 1
            previous = index
        }
        return picked.sorted()
    }

    /// Lotus `WinningPoStProofTypeFromWindowPoStProofType`: the winning proof of the same sector size.
    static func winningPoStProofType(forWindow window: RegisteredPoStProof) -> RegisteredPoStProof? {
        guard window.isWindow else { return nil }
        return RegisteredPoStProof(rawValue: window.rawValue % 5)
    }
}
