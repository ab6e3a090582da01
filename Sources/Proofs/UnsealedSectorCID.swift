import DagCBOR

/// The unsealed sector CID (CommD) of a sector's deals, as go-commp-utils `GenerateUnsealedCID`
/// computes it and the `ComputeUnsealedSectorCID` syscall returns it.
///
/// The pieces are laid out in order, each aligned to its own size; the gaps before a piece and
/// after the last one are filled with zero pieces (ascending powers of two), and the commitments
/// are combined pairwise up to the sector's root. With no pieces the result is the commitment of
/// an all-zero sector.
public enum UnsealedSectorCID {
    /// The CommD of `pieces` in a sector sealed with `sealProof`.
    public static func compute(sealProof: RegisteredSealProof, pieces: [PieceInfo]) throws(ProofError) -> CID {
        let sectorSize = try sealProof.sectorSize()
        return try PieceCommitment.cid(commitment: commitment(sectorSize: sectorSize, pieces: pieces))
    }

    /// The 32-byte CommD of `pieces` in a sector of `sectorSize` bytes (a padded size).
    public static func commitment(sectorSize: UInt64, pieces: [PieceInfo]) throws(ProofError) -> [UInt8] {
        try PieceCommitment.validatePaddedSize(sectorSize)
        // Each entry is a subtree not yet combined: sizes strictly decrease from bottom to top,
        // so a new subtree of equal size merges with the top until sizes differ again.
        var stack: [(size: UInt64, commitment: [UInt8])] = []
        var filled: UInt64 = 0

        func push(size: UInt64, commitment: [UInt8]) {
            var node = (size: size, commitment: commitment)
            while let top = stack.last, top.size == node.size {
                stack.removeLast()
                node = (size: node.size * 2, commitment: PieceCommitment.combine(top.commitment, node.commitment))
            }
            stack.append(node)
        }

        // Zero pieces from `filled` up to the next multiple of `alignment` (a power of two).
        func padZeros(toAlignment alignment: UInt64) {
            var gap = (alignment - filled % alignment) % alignment
            while gap != 0 {
                let size = UInt64(1) << UInt64(gap.trailingZeroBitCount)
                gap ^= size
                push(size: size, commitment: PieceCommitment.zeroCommitments[(size / 32).trailingZeroBitCount])
                filled += size
            }
        }

        for piece in pieces {
            try PieceCommitment.validatePaddedSize(piece.size)
            guard piece.size <= sectorSize else {
                throw .pieceLargerThanSector(pieceSize: piece.size, sectorSize: sectorSize)
            }
            let commitment = try PieceCommitment.commitment(of: piece.pieceCID)
            // `filled` and the piece are at most the sector size (≤ 2^63), so this cannot overflow.
            let aligned = (filled + piece.size - 1) / piece.size * piece.size
            guard aligned <= sectorSize - piece.size else {
                throw .piecesExceedSector(needed: aligned &+ piece.size, sectorSize: sectorSize)
            }
            padZeros(toAlignment: piece.size)
            push(size: piece.size, commitment: commitment)
            filled += piece.size
        }
        padZeros(toAlignment: sectorSize)
        if filled == 0 { return PieceCommitment.zeroCommitments[(sectorSize / 32).trailingZeroBitCount] }
        // The sector is full and every level merged: exactly the root remains.
        return stack[0].commitment
    }
}
