import DagCBOR
import FilecoinTypes

/// A `proof.WinningPoStVerifyInfo` or `proof.WindowPoStVerifyInfo`: Go declares the two with the same
/// fields and cbor-gen writes them alike, so one type serves both (see the aliases below). A winning
/// PoSt has one proof over the sectors the ticket challenged; a window PoSt one proof per partition.
public struct PoStVerifyInfo: Hashable, Sendable {
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
extension PoStVerifyInfo: CBOREncodable, CBORDecodable {
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

/// A block's election PoSt (`proof.WinningPoStVerifyInfo`).
public typealias WinningPoStVerifyInfo = PoStVerifyInfo

/// A window PoSt submitted to a miner actor (`proof.WindowPoStVerifyInfo`).
public typealias WindowPoStVerifyInfo = PoStVerifyInfo
