import DagCBOR
import FilecoinTypes

/// Makes the proofs a `ProofVerifier` checks. Only `MockProofs` implements it: real sealing and
/// proving happen in the storage provider's workers, not here.
public protocol Prover: Sendable {
    /// The seal proof of a sector, bound to every input the verifier knows.
    func sealProof(
        sealProof: RegisteredSealProof, minerID: UInt64, sectorNumber: UInt64, sealedCID: CID, unsealedCID: CID,
        randomness: [UInt8], interactiveRandomness: [UInt8]
    ) throws(ProofError) -> [UInt8]

    /// The winning PoSt over `sectors` (the challenged ones).
    func winningPoSt(
        proofType: RegisteredPoStProof, minerID: UInt64, randomness: [UInt8], sectors: [SectorInfo]
    ) throws(ProofError) -> [PoStProof]

    /// The window PoSt over `sectors`, one proof per partition.
    func windowPoSt(
        proofType: RegisteredPoStProof, minerID: UInt64, randomness: [UInt8], sectors: [SectorInfo]
    ) throws(ProofError) -> [PoStProof]
}
