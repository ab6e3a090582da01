import DagCBOR

/// Why a proof could not be made or checked, or a commitment not computed.
///
/// A proof that is well-formed but wrong is not an error: verifiers answer `false` for it. These
/// cases are for inputs no verifier can judge, and for verification that cannot run here.
public enum ProofError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The number is not a known `abi.RegisteredSealProof`.
    case unsupportedSealProof(Int64)
    /// The number is not a known `abi.RegisteredPoStProof`, or not of the kind (winning/window) asked for.
    case unsupportedPoStProof(Int64)
    /// A padded piece size below the 128-byte minimum.
    case pieceSizeTooSmall(UInt64)
    /// A padded piece size that is not a power of two.
    case pieceSizeNotPowerOfTwo(UInt64)
    /// One piece larger than the whole sector.
    case pieceLargerThanSector(pieceSize: UInt64, sectorSize: UInt64)
    /// The pieces, each aligned to its size, do not fit in the sector.
    case piecesExceedSector(needed: UInt64, sectorSize: UInt64)
    /// A piece CID that is not a piece commitment (fil-commitment-unsealed, sha2-256-trunc254-padded, 32 bytes).
    case notAPieceCommitment(CID)
    /// A commitment that is not 32 bytes.
    case commitmentLengthInvalid(Int)
    /// A payload larger than the unpadded size of the piece asked for.
    case payloadTooLarge(payloadSize: Int, unpaddedPieceSize: UInt64)
    /// A challenged sector sealed for a different sector size than the PoSt proof covers.
    case sectorProofMismatch(sectorNumber: UInt64, sealProof: Int64, postProof: Int64)
    /// A winning PoSt challenge asked of a miner with no eligible sectors.
    case noEligibleSectors
    /// Real (Groth16) proof verification needs the verifying keys, which this machine does not have.
    case realVerificationUnavailable(operation: String)

    public var description: String {
        switch self {
        case .unsupportedSealProof(let number): "unsupported seal proof type \(number)"
        case .unsupportedPoStProof(let number): "unsupported PoSt proof type \(number)"
        case .pieceSizeTooSmall(let size): "padded piece size \(size) is below the minimum of 128 bytes"
        case .pieceSizeNotPowerOfTwo(let size): "padded piece size \(size) is not a power of 2"
        case .pieceLargerThanSector(let piece, let sector):
            "piece of padded size \(piece) is larger than the sector size \(sector)"
        case .piecesExceedSector(let needed, let sector):
            "pieces need \(needed) bytes once aligned, more than the sector size \(sector)"
        case .notAPieceCommitment(let cid):
            "\(cid) is not a piece commitment (fil-commitment-unsealed, sha2-256-trunc254-padded, 32 bytes)"
        case .commitmentLengthInvalid(let count): "a piece commitment is 32 bytes, not \(count)"
        case .payloadTooLarge(let payload, let unpadded):
            "payload of \(payload) bytes is larger than the unpadded piece size \(unpadded)"
        case .sectorProofMismatch(let number, let seal, let post):
            "sector \(number) sealed with \(RegisteredSealProof(rawValue: seal)) cannot be proved by \(RegisteredPoStProof(rawValue: post))"
        case .noEligibleSectors: "no eligible sectors to challenge"
        case .realVerificationUnavailable(let operation):
            "real proof verification unavailable: no verifying keys on this machine (\(operation))"
        }
    }
}
