import FilecoinTypes

/// Verifies the proofs the VM's proof syscalls check (VerifySeal, BatchVerifySeals, VerifyPoSt)
/// and derives winning PoSt challenges.
///
/// A well-formed proof that does not verify is answered `false`; errors are for inputs no verifier
/// can judge (unknown proof types) and for verification that cannot run at all. The implementations
/// are `MockProofs` (devnets) and `UnavailableProofVerifier`; there is deliberately none that
/// accepts any proof.
public protocol ProofVerifier: Sendable {
    /// Whether `info.proof` proves the seal of the sector `info` describes.
    func verifySeal(_ info: SealVerifyInfo) throws(ProofError) -> Bool

    /// `verifySeal` for each seal, grouped by miner as Lotus's `BatchVerifySeals` takes them;
    /// each miner's answers are in the order of its seals.
    func batchVerifySeals(_ seals: [Address: [SealVerifyInfo]]) throws(ProofError) -> [Address: [Bool]]

    /// Whether `info.proofs` is a winning PoSt over `info.challengedSectors`.
    func verifyWinningPoSt(_ info: WinningPoStVerifyInfo) throws(ProofError) -> Bool

    /// Whether `info.proofs` is a window PoSt over `info.challengedSectors`.
    func verifyWindowPoSt(_ info: WindowPoStVerifyInfo) throws(ProofError) -> Bool

    /// The indices (into the miner's `eligibleSectorCount` proving sectors) a winning PoSt must prove.
    func generateWinningPoStSectorChallenge(
        proofType: RegisteredPoStProof, minerID: UInt64, randomness: [UInt8], eligibleSectorCount: UInt64
    ) throws(ProofError) -> [UInt64]
}

extension ProofVerifier {
    /// Verifies every seal one by one.
    public func batchVerifySeals(_ seals: [Address: [SealVerifyInfo]]) throws(ProofError) -> [Address: [Bool]] {
        var results: [Address: [Bool]] = [:]
        for (miner, infos) in seals {
            var answers: [Bool] = []
            answers.reserveCapacity(infos.count)
            for info in infos { answers.append(try verifySeal(info)) }
            results[miner] = answers
        }
        return results
    }
}
