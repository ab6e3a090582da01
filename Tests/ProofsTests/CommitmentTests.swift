import DagCBOR
import Foundation
import Proofs
import Testing
import VenusTesting

/// The commp vectors' `expected.json`, parsed.
func commpExpected() throws -> [String: Any] {
    guard let json = try TestVectors.json("commp/expected.json") as? [String: Any] else {
        throw TestSupportError.malformedOutput("commp/expected.json is not an object")
    }
    return json
}

func pieceInfos(_ rows: Any?) throws -> [PieceInfo] {
    guard let rows = rows as? [[String: Any]] else { throw TestSupportError.malformedOutput("pieces") }
    return try rows.map { row in
        guard let cid = row["piece_cid"] as? String, let size = (row["padded_size"] as? NSNumber)?.uint64Value else {
            throw TestSupportError.malformedOutput("piece row \(row)")
        }
        return PieceInfo(size: size, pieceCID: try CID(string: cid))
    }
}

@Suite("Unsealed sector CID (CommD)", .enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct UnsealedSectorCIDTests {
    @Test("the zero commitments are go-data-segment's zerocomm.bin")
    func zeroCommitments() throws {
        let bytes = [UInt8](try TestVectors.data("commp/go-data-segment/merkletree/zerocomm.bin"))
        #expect(bytes.count == 64 * 32)
        #expect(PieceCommitment.zeroCommitments.count == 64)
        for (level, node) in PieceCommitment.zeroCommitments.enumerated() {
            #expect(node == Array(bytes[(level * 32)..<(level * 32 + 32)]), "zero commitment level \(level)")
        }
    }

    @Test("the 32 GiB mainnet sector's CommD, with and without the explicit zero fill")
    func mainnetSector() throws {
        guard let cases = try commpExpected()["unsealed_sector_commd"] as? [[String: Any]], !cases.isEmpty else {
            throw TestSupportError.malformedOutput("unsealed_sector_commd")
        }
        for vector in cases {
            #expect(vector["seal_proof"] as? String == "StackedDrg32GiBV1_1")
            let pieces = try pieceInfos(vector["pieces"])
            let expected = try CID(string: try #require(vector["expected_commd"] as? String))
            #expect(try UnsealedSectorCID.compute(sealProof: .stackedDrg32GiBV1_1, pieces: pieces) == expected)
            // The vector lists the zero pieces that fill the sector; computing them is the same.
            let deals = pieces.filter { piece in
                (try? PieceCommitment.zeroCommitment(paddedSize: piece.size)) != (try? PieceCommitment.commitment(of: piece.pieceCID))
            }
            #expect(deals.count == pieces.count - 2)
            #expect(try UnsealedSectorCID.compute(sealProof: .stackedDrg32GiBV1_1, pieces: deals) == expected)
            #expect(try UnsealedSectorCID.compute(sealProof: .stackedDrg32GiBV1, pieces: deals) == expected)
            #expect(try UnsealedSectorCID.compute(sealProof: .stackedDrg64GiBV1_1, pieces: deals) != expected)
        }
    }
}

@Suite("CommD layout and malformed pieces")
struct UnsealedSectorCIDLayoutTests {
    @Test("no deals give the zero sector's commitment, as does one zero piece filling it")
    func emptySector() throws {
        let zero = try PieceCommitment.cid(commitment: PieceCommitment.zeroCommitments[6])
        #expect(try UnsealedSectorCID.compute(sealProof: .stackedDrg2KiBV1, pieces: []) == zero)
        let zeroPiece = PieceInfo(size: 2048, pieceCID: zero)
        #expect(try UnsealedSectorCID.compute(sealProof: .stackedDrg2KiBV1, pieces: [zeroPiece]) == zero)
        // Independently: the CommP of 2032 zero bytes (Fr32 padding keeps zeros zero).
        #expect(try PieceCommitment.commP(payload: [UInt8](repeating: 0, count: 2032), paddedSize: 2048)
            == PieceCommitment.zeroCommitments[6])
    }

    @Test("pieces are aligned to their size with zero pieces between")
    func alignment() throws {
        let a = try commitmentCID(0x11)
        let b = try commitmentCID(0x22)
        let zero128 = PieceCommitment.zeroCommitments[2]
        let zero256 = PieceCommitment.zeroCommitments[3]
        let zero1024 = PieceCommitment.zeroCommitments[5]
        // 128 @0, zero 128 @128, 512 @512 after zero 256 @256... built by hand from the tree.
        let left256 = PieceCommitment.combine([UInt8](repeating: 0x11, count: 32), zero128)
        let left512 = PieceCommitment.combine(left256, zero256)
        let left1024 = PieceCommitment.combine(left512, [UInt8](repeating: 0x22, count: 32))
        let root = PieceCommitment.combine(left1024, zero1024)
        let computed = try UnsealedSectorCID.compute(
            sealProof: .stackedDrg2KiBV1, pieces: [PieceInfo(size: 128, pieceCID: a), PieceInfo(size: 512, pieceCID: b)])
        #expect(computed == (try PieceCommitment.cid(commitment: root)))
    }

    @Test("malformed pieces are refused with precise errors")
    func malformed() throws {
        let commP = try commitmentCID(0x33)
        func compute(_ sizes: [UInt64], _ proof: RegisteredSealProof = .stackedDrg2KiBV1) throws {
            _ = try UnsealedSectorCID.compute(sealProof: proof, pieces: sizes.map { PieceInfo(size: $0, pieceCID: commP) })
        }
        #expect(throws: ProofError.pieceSizeTooSmall(64)) { try compute([64]) }
        #expect(throws: ProofError.pieceSizeTooSmall(0)) { try compute([0]) }
        #expect(throws: ProofError.pieceSizeNotPowerOfTwo(384)) { try compute([384]) }
        #expect(throws: ProofError.pieceSizeNotPowerOfTwo(UInt64.max)) { try compute([UInt64.max]) }
        #expect(throws: ProofError.pieceLargerThanSector(pieceSize: 4096, sectorSize: 2048)) { try compute([4096]) }
        #expect(throws: ProofError.pieceLargerThanSector(pieceSize: 1 << 63, sectorSize: 2048)) { try compute([1 << 63]) }
        #expect(throws: ProofError.piecesExceedSector(needed: 2176, sectorSize: 2048)) { try compute([1024, 1024, 128]) }
        #expect(throws: ProofError.piecesExceedSector(needed: 3072, sectorSize: 2048)) { try compute([128, 1024, 1024]) }
        #expect(throws: ProofError.unsupportedSealProof(42)) { try compute([], RegisteredSealProof(rawValue: 42)) }
        #expect(throws: ProofError.unsupportedSealProof(-1)) { try compute([], RegisteredSealProof(rawValue: -1)) }

        let sealed = try commitmentCID(0x33, codec: Multicodec.filCommitmentSealed)
        #expect(throws: ProofError.notAPieceCommitment(sealed)) {
            try UnsealedSectorCID.compute(sealProof: .stackedDrg2KiBV1, pieces: [PieceInfo(size: 128, pieceCID: sealed)])
        }
        let blake = try CID(version: .v1, codec: Multicodec.filCommitmentUnsealed,
                            multihash: Multihash(code: Multihash.blake2b_256, digest: [UInt8](repeating: 1, count: 32)))
        #expect(throws: ProofError.notAPieceCommitment(blake)) {
            try UnsealedSectorCID.compute(sealProof: .stackedDrg2KiBV1, pieces: [PieceInfo(size: 128, pieceCID: blake)])
        }
        #expect(throws: ProofError.commitmentLengthInvalid(31)) {
            try PieceCommitment.cid(commitment: [UInt8](repeating: 0, count: 31))
        }
    }
}

@Suite("CommP of bytes", .enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
struct CommPTests {
    func check(_ payload: [UInt8], paddedSize: UInt64, expected: String, _ what: String) throws {
        let cid = try PieceCommitment.cid(commitment: PieceCommitment.commP(payload: payload, paddedSize: paddedSize))
        #expect(cid == (try CID(string: expected)), "\(what)")
    }

    @Test("go-fil-commp-hashhash zero and 0xCC tables")
    func hashhashTables() throws {
        for (file, byte) in [("zero.txt", UInt8(0)), ("0xCC.txt", UInt8(0xCC))] {
            let text = String(decoding: try TestVectors.data("commp/go-fil-commp-hashhash/\(file)"), as: UTF8.self)
            let rows = text.split(separator: "\n").filter { !$0.isEmpty }
            #expect(rows.count == 18)
            for row in rows {
                let fields = row.split(separator: ",")
                let size = try #require(Int(fields[0]))
                let padded = try #require(UInt64(fields[1]))
                #expect(PieceCommitment.paddedSize(forPayload: UInt64(size)) == padded)
                try check([UInt8](repeating: byte, count: size), paddedSize: padded, expected: String(fields[2]), "\(file) \(row)")
            }
        }
    }

    @Test("go-commp-utils TestZeroPadding and the data files")
    func inlineAndFiles() throws {
        let json = try commpExpected()
        let inline = try #require((json["inline_inputs"] as? [[String: Any]])?.first)
        let payload = try #require(inline["payload_hex"] as? String)
        let bytes = stride(from: 0, to: payload.count, by: 2).compactMap {
            UInt8(payload.dropFirst($0).prefix(2), radix: 16)
        }
        #expect(bytes.count == 127)
        try check(bytes, paddedSize: 128, expected: try #require(inline["piece_cid"] as? String), "inline")
        let zeroPad = try #require(inline["zero_pad_to"] as? [String: Any])
        try check(bytes, paddedSize: 512, expected: try #require(zeroPad["piece_cid_derived"] as? String), "zero pad to 512")

        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 5)
        for file in files {
            let path = try #require(file["file"] as? String)
            let padded = try #require((file["padded_piece_size"] as? NSNumber)?.uint64Value)
            let data = [UInt8](try TestVectors.data("commp/\(path)"))
            try check(data, paddedSize: padded, expected: try #require(file["piece_cid"] as? String), path)
        }
        #expect(throws: ProofError.payloadTooLarge(payloadSize: 128, unpaddedPieceSize: 127)) {
            try PieceCommitment.commP(payload: [UInt8](repeating: 0, count: 128), paddedSize: 128)
        }
    }
}
