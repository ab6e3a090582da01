import DagCBOR
import FilecoinTypes
import Proofs
import Testing

@Suite("Proof types")
struct ProofTypesTests {
    @Test("seal proofs: sector sizes, partitions, PoSt proofs, names as go-state-types")
    func sealProofs() throws {
        let sizes: [UInt64] = [2 << 10, 8 << 20, 512 << 20, 32 << 30, 64 << 30]
        let partitions: [UInt64] = [2, 2, 2, 2349, 2300]
        for proof in RegisteredSealProof.known {
            let index = Int(proof.rawValue % 5)
            #expect(try proof.sectorSize() == sizes[index])
            #expect(try proof.windowPoStPartitionSectors() == partitions[index])
            #expect(try proof.winningPoStProof().rawValue == Int64(index))
            #expect(try proof.windowPoStProof().rawValue == Int64(5 + index))
            #expect(try proof.windowPoStProof().partitionSectors() == partitions[index])
        }
        #expect(RegisteredSealProof.stackedDrg32GiBV1_1.rawValue == 8)
        #expect(RegisteredSealProof.stackedDrg32GiBV1_1.description == "StackedDrg32GiBV1_1")
        #expect(RegisteredSealProof.stackedDrg2KiBV1.description == "StackedDrg2KiBV1")
        #expect(RegisteredPoStProof.stackedDrgWindow64GiBV1_1.description == "StackedDrgWindow64GiBV1_1")
        #expect(RegisteredPoStProof.stackedDrgWinning8MiBV1.description == "StackedDrgWinning8MiBV1")
        #expect(try RegisteredPoStProof.stackedDrgWindow32GiBV1_1.sectorSize() == 32 << 30)
        #expect(try RegisteredPoStProof.stackedDrgWinning32GiBV1.partitionSectors() == 1)
        #expect(throws: ProofError.unsupportedSealProof(10)) { try RegisteredSealProof(rawValue: 10).sectorSize() }
        #expect(throws: ProofError.unsupportedPoStProof(15)) { try RegisteredPoStProof(rawValue: 15).sectorSize() }
        #expect(throws: ProofError.unsupportedPoStProof(-1)) { try RegisteredPoStProof(rawValue: -1).partitionSectors() }
    }

    @Test("SealVerifyInfo is cbor-gen's 8-array with SectorID nested; every type round-trips")
    func cbor() throws {
        let sealed = try commitmentCID(1, codec: Multicodec.filCommitmentSealed)
        let unsealed = try commitmentCID(2)
        let seal = SealVerifyInfo(
            sealProof: .stackedDrg2KiBV1_1, minerID: 1000, sectorNumber: 7, dealIDs: [5, 6], randomness: [0xaa],
            interactiveRandomness: [0xbb], proof: [0xcc, 0xdd], sealedCID: sealed, unsealedCID: unsealed)
        var expected: [UInt8] = [0x88, 0x05, 0x82, 0x19, 0x03, 0xe8, 0x07, 0x82, 0x05, 0x06, 0x41, 0xaa, 0x41, 0xbb, 0x42, 0xcc, 0xdd]
        for cid in [sealed, unsealed] {
            expected += [0xd8, 0x2a, 0x58, UInt8(cid.bytes.count + 1), 0x00] + cid.bytes
        }
        #expect(seal.cborBytes == expected)
        #expect(try SealVerifyInfo(cborBytes: expected) == seal)

        let sector = SectorInfo(sealProof: .stackedDrg32GiBV1_1, sectorNumber: 9, sealedCID: sealed)
        #expect(Array(sector.cborBytes.prefix(3)) == [0x83, 0x08, 0x09])
        #expect(try SectorInfo(cborBytes: sector.cborBytes) == sector)
        let piece = PieceInfo(size: 2048, pieceCID: unsealed)
        #expect(Array(piece.cborBytes.prefix(4)) == [0x82, 0x19, 0x08, 0x00])
        #expect(try PieceInfo(cborBytes: piece.cborBytes) == piece)
        let proofs = [PoStProof(proofType: 3, proofBytes: [1, 2])]
        let winning = WinningPoStVerifyInfo(randomness: [9], proofs: proofs, challengedSectors: [sector], prover: 1000)
        #expect(Array(winning.cborBytes.prefix(3)) == [0x84, 0x41, 0x09])
        #expect(try WinningPoStVerifyInfo(cborBytes: winning.cborBytes) == winning)
        #expect(throws: (any Error).self) { try SealVerifyInfo(cborBytes: Array(expected.dropLast())) }
    }
}
