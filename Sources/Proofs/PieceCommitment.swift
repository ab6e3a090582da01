import Crypto
import DagCBOR

/// Piece commitments (CommP, and CommD as the commitment of a whole sector's data): binary Merkle
/// roots over 32-byte Fr32 leaves, each node SHA-256 of its two children with the top two bits of
/// the last byte cleared (sha2-256-trunc254-padded), named by CIDs with codec
/// fil-commitment-unsealed (0xf101) and multihash 0x1012.
public enum PieceCommitment {
    /// The smallest padded piece: four 32-byte leaves (127 payload bytes).
    public static let minimumPaddedSize: UInt64 = 128

    /// The parent of two nodes: SHA-256 of `left || right`, truncated to 254 bits.
    public static func combine(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: left)
        hasher.update(data: right)
        var digest = Array(hasher.finalize())
        digest[31] &= 0x3f
        return digest
    }

    /// `zeroCommitments[i]` is the root of 2^i all-zero 32-byte leaves (entry 0 is the zero leaf);
    /// 64 levels, as go-data-segment's `zerocomm.bin` lists them.
    public static let zeroCommitments: [[UInt8]] = {
        var levels = [[UInt8](repeating: 0, count: 32)]
        for _ in 1..<64 {
            let below = levels[levels.count - 1]
            levels.append(combine(below, below))
        }
        return levels
    }()

    /// Checks a padded piece size: a power of two, at least 128 bytes.
    public static func validatePaddedSize(_ size: UInt64) throws(ProofError) {
        guard size >= minimumPaddedSize else { throw .pieceSizeTooSmall(size) }
        guard size & (size - 1) == 0 else { throw .pieceSizeNotPowerOfTwo(size) }
    }

    /// The commitment of an all-zero piece of padded `size`.
    public static func zeroCommitment(paddedSize size: UInt64) throws(ProofError) -> [UInt8] {
        try validatePaddedSize(size)
        return zeroCommitments[(size / 32).trailingZeroBitCount]
    }

    /// The piece CID of a 32-byte commitment.
    public static func cid(commitment: [UInt8]) throws(ProofError) -> CID {
        guard commitment.count == 32 else { throw .commitmentLengthInvalid(commitment.count) }
        do {
            return try CID(
                version: .v1, codec: Multicodec.filCommitmentUnsealed,
                multihash: Multihash(code: Multihash.sha2_256Trunc254Padded, digest: commitment))
        } catch {
            // Unreachable: a 32-byte digest and two small constant codes are all CID validates.
            throw .commitmentLengthInvalid(commitment.count)
        }
    }

    /// The 32-byte commitment a piece CID names, or `ProofError.notAPieceCommitment`.
    public static func commitment(of cid: CID) throws(ProofError) -> [UInt8] {
        guard cid.version == .v1, cid.codec == Multicodec.filCommitmentUnsealed,
            cid.multihash.code == Multihash.sha2_256Trunc254Padded, cid.multihash.digest.count == 32
        else { throw .notAPieceCommitment(cid) }
        return cid.multihash.digest
    }

    /// The unpadded size of a padded piece: 127 payload bytes per 128.
    public static func unpaddedSize(paddedSize: UInt64) -> UInt64 { paddedSize - paddedSize / 128 }

    /// The smallest padded piece size whose unpadded size holds `payloadSize` bytes.
    public static func paddedSize(forPayload payloadSize: UInt64) -> UInt64 {
        var padded = minimumPaddedSize
        while unpaddedSize(paddedSize: padded) < payloadSize, padded < (1 << 62) { padded <<= 1 }
        return padded
    }

    /// Fr32 padding of one 127-byte chunk into four 32-byte field elements: each 254 consecutive
    /// input bits (least significant first) fill one element, whose top two bits stay zero.
    static func fr32Pad(_ chunk: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let base = chunk.startIndex
        for element in 0..<4 {
            for byte in 0..<32 {
                let bit = 254 * element + 8 * byte
                let index = bit / 8
                let shift = bit % 8
                var value = chunk[base + index] >> shift
                if shift > 0, index + 1 < 127 { value |= chunk[base + index + 1] << (8 - shift) }
                if byte == 31 { value &= 0x3f }
                out.append(value)
            }
        }
    }

    /// The CommP of `payload` as a piece of padded `paddedSize`: the payload is zero-filled to the
    /// unpadded size, Fr32-padded, and its Merkle root taken. Meant for small pieces (the whole
    /// padded piece is held in memory).
    public static func commP(payload: [UInt8], paddedSize: UInt64) throws(ProofError) -> [UInt8] {
        try validatePaddedSize(paddedSize)
        let unpadded = unpaddedSize(paddedSize: paddedSize)
        guard UInt64(payload.count) <= unpadded else {
            throw .payloadTooLarge(payloadSize: payload.count, unpaddedPieceSize: unpadded)
        }
        var filled = payload
        filled.append(contentsOf: repeatElement(0, count: Int(unpadded) - payload.count))
        var leaves = [UInt8]()
        leaves.reserveCapacity(Int(paddedSize))
        var start = 0
        while start < filled.count {
            fr32Pad(filled[start..<(start + 127)], into: &leaves)
            start += 127
        }
        var level = stride(from: 0, to: leaves.count, by: 32).map { Array(leaves[$0..<($0 + 32)]) }
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: 2).map { combine(level[$0], level[$0 + 1]) }
        }
        return level[0]
    }
}
