import DagCBOR
import FilecoinCrypto
import FilecoinTypes

/// The mock prover and mock verifier, for devnets only: one definition that genesis presealing,
/// the VM's proof syscalls and the pool's test provers all share, so a mock proof made anywhere
/// verifies everywhere.
///
/// A mock proof is BLAKE2b-256 over the DAG-CBOR array of a domain tag and exactly the inputs the
/// verifier knows (proof type, miner ID, sector number, CommR, CommD, randomness, interactive
/// randomness; for PoSt the challenged sectors and the partition index). The verifier recomputes
/// it and compares, so it accepts exactly what this prover made and refuses any changed byte or
/// field. It proves nothing about stored data: never use it where real proofs are required.
public struct MockProofs: ProofVerifier, Prover {
    /// The domain tags, versioned so a changed layout can never verify an old proof.
    static let sealTag = "venus-swift mock seal proof v1"
    static let winningTag = "venus-swift mock winning PoSt v1"
    static let windowTag = "venus-swift mock window PoSt v1"
    static let challengeTag = "venus-swift mock winning PoSt challenge v1"

    /// Winning PoSt challenges one sector.
    public static let winningPoStSectorCount = 1

    public init() {}

    // MARK: Prover

    public func sealProof(
        sealProof: RegisteredSealProof, minerID: UInt64, sectorNumber: UInt64, sealedCID: CID, unsealedCID: CID,
        randomness: [UInt8], interactiveRandomness: [UInt8]
    ) throws(ProofError) -> [UInt8] {
        _ = try sealProof.sectorSize()
        var writer = CBORWriter()
        writer.writeArrayHeader(8)
        writer.writeText(Self.sealTag)
        writer.write(sealProof)
        writer.writeUnsigned(minerID)
        writer.writeUnsigned(sectorNumber)
        writer.writeCID(sealedCID)
        writer.writeCID(unsealedCID)
        writer.writeBytes(randomness)
        writer.writeBytes(interactiveRandomness)
        return Blake2b.hash256(writer.bytes)
    }

    public func winningPoSt(
        proofType: RegisteredPoStProof, minerID: UInt64, randomness: [UInt8], sectors: [SectorInfo]
    ) throws(ProofError) -> [PoStProof] {
        guard proofType.isWinning else { throw .unsupportedPoStProof(proofType.rawValue) }
        try Self.checkSectors(sectors, match: proofType)
        return [Self.postProof(tag: Self.winningTag, proofType, minerID, randomness, partition: 0, sectors[...])]
    }

    public func windowPoSt(
        proofType: RegisteredPoStProof, minerID: UInt64, randomness: [UInt8], sectors: [SectorInfo]
    ) throws(ProofError) -> [PoStProof] {
        guard proofType.isWindow else { throw .unsupportedPoStProof(proofType.rawValue) }
        try Self.checkSectors(sectors, match: proofType)
        let partitionSize = Int(try proofType.partitionSectors())
        var proofs: [PoStProof] = []
        var start = 0
        repeat {
            let end = min(start + partitionSize, sectors.count)
            proofs.append(
                Self.postProof(
                    tag: Self.windowTag, proofType, minerID, randomness, partition: UInt64(proofs.count),
                    sectors[start..<end]))
            start = end
        } while start < sectors.count
        return proofs
    }

    // MARK: ProofVerifier

    public func verifySeal(_ info: SealVerifyInfo) throws(ProofError) -> Bool {
        let expected = try sealProof(
            sealProof: info.sealProof, minerID: info.minerID, sectorNumber: info.sectorNumber,
            sealedCID: info.sealedCID, unsealedCID: info.unsealedCID, randomness: info.randomness,
            interactiveRandomness: info.interactiveRandomness)
        return info.proof == expected
    }

    public func verifyWinningPoSt(_ info: WinningPoStVerifyInfo) throws(ProofError) -> Bool {
        try Self.verify(info) { (proofType) throws(ProofError) in
            try winningPoSt(
                proofType: proofType, minerID: info.prover, randomness: info.randomness, sectors: info.challengedSectors)
        }
    }

    public func verifyWindowPoSt(_ info: WindowPoStVerifyInfo) throws(ProofError) -> Bool {
        try Self.verify(info) { (proofType) throws(ProofError) in
            try windowPoSt(
                proofType: proofType, minerID: info.prover, randomness: info.randomness, sectors: info.challengedSectors)
        }
    }

    /// Mock challenges: index `n` is the first 8 bytes (little-endian) of a tagged BLAKE2b-256 over
    /// the proof type, miner, randomness and `n`, modulo the eligible sector count.
    public func generateWinningPoStSectorChallenge(
        proofType: RegisteredPoStProof, minerID: UInt64, randomness: [UInt8], eligibleSectorCount: UInt64
    ) throws(ProofError) -> [UInt64] {
        guard proofType.isWinning else { throw .unsupportedPoStProof(proofType.rawValue) }
        guard eligibleSectorCount > 0 else { throw .noEligibleSectors }
        return (0..<UInt64(Self.winningPoStSectorCount)).map { n in
            var writer = CBORWriter()
            writer.writeArrayHeader(5)
            writer.writeText(Self.challengeTag)
            writer.write(proofType)
            writer.writeUnsigned(minerID)
            writer.writeBytes(randomness)
            writer.writeUnsigned(n)
            let digest = Blake2b.hash256(writer.bytes)
            let value = digest[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return value % eligibleSectorCount
        }
    }

    // MARK: Helpers

    /// Whether `info.proofs` are exactly what `prove` makes for the proof type they claim; proofs
    /// for sectors of another size than that type covers are refused before anything is recomputed.
    static func verify(
        _ info: PoStVerifyInfo, prove: (RegisteredPoStProof) throws(ProofError) -> [PoStProof]
    ) throws(ProofError) -> Bool {
        guard let first = info.proofs.first else { return false }
        let proofType = RegisteredPoStProof(rawValue: first.proofType)
        guard sectors(info.challengedSectors, match: proofType) else { return false }
        return info.proofs == (try prove(proofType))
    }

    /// Whether every sector was sealed for the size `proofType` proves.
    static func sectors(_ sectors: [SectorInfo], match proofType: RegisteredPoStProof) -> Bool {
        (try? checkSectors(sectors, match: proofType)) != nil
    }

    static func checkSectors(_ sectors: [SectorInfo], match proofType: RegisteredPoStProof) throws(ProofError) {
        let size = try proofType.sectorSize()
        for sector in sectors {
            guard try sector.sealProof.sectorSize() != size else { continue }
            throw .sectorProofMismatch(
                sectorNumber: sector.sectorNumber, sealProof: sector.sealProof.rawValue, postProof: proofType.rawValue)
        }
    }

    static func postProof(
        tag: String, _ proofType: RegisteredPoStProof, _ minerID: UInt64, _ randomness: [UInt8], partition: UInt64,
        _ sectors: ArraySlice<SectorInfo>
    ) -> PoStProof {
        var writer = CBORWriter()
        writer.writeArrayHeader(6)
        writer.writeText(tag)
        writer.write(proofType)
        writer.writeUnsigned(minerID)
        writer.writeBytes(randomness)
        writer.writeUnsigned(partition)
        writer.write(Array(sectors))
        return PoStProof(proofType: proofType.rawValue, proofBytes: Blake2b.hash256(writer.bytes))
    }
}
