import DagCBOR
import FilecoinTypes

/// A `proof.WindowPoStVerifyInfo`: a window PoSt submitted to a miner actor, one proof per partition.
public struct WindowPoStVerifyInfo: Hashable, Sendable {
    /// The PoSt randomness (`abi.PoStRandomness`).
    public var randomness: [UInt8]
    public var proofs: [PoStProof]
    public var challengedSectors: [SectorInfo]
    /// The miner's actor ID (the prover ID is derived from it).
    public var prover: UInt64

    public init(randomness: [UInt8], proofs: [PoStProof], challengedSectors: [SectorInfo], prover: UInt64) {
        self.randomness = randomness
        self.proofs = proofs
        self.challengedSectors = challengedSectors
        self.prover = prover
    }
}

/// `[Randomness, Proofs, ChallengedSectors, Prover]`, as cbor-gen writes it.
extension WindowPoStVerifyInfo: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(4)
        writer.writeBytes(randomness)
        writer.write(proofs)
        writer.write(challengedSectors)
        writer.writeUnsigned(prover)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 4)
        randomness = try reader.readBytes()
        proofs = try reader.read()
        challengedSectors = try reader.read()
        prover = try reader.readUnsigned()
    }
}
