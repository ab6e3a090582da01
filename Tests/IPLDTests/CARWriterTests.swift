import DagCBOR
import FilecoinCrypto
import IPLD
import Testing

/// The writer's output reads back through the checking reader; damage is reported with offset and CID.
struct CARWriterTests {
    private func blocks(_ count: Int) -> [(cid: CID, data: [UInt8])] {
        (0..<count).map { n in
            let data = CBORValue.array([.unsigned(UInt64(n)), .text(String(repeating: "x", count: n))]).cborBytes
            return (CID.filecoin(cbor: data), data)
        }
    }

    @Test func writtenArchivesReadBack() throws {
        let input = blocks(50)
        var chunks: [[UInt8]] = []
        var writer = try CARWriter(roots: [input[0].cid, input[1].cid]) { chunks.append($0) }
        for block in input { try writer.write(cid: block.cid, data: block.data) }
        #expect(chunks.count == 51 && writer.blockCount == 50)
        let bytes = chunks.flatMap { $0 }
        #expect(writer.offset == bytes.count)
        #expect(bytes == CARWriter.archive(roots: [input[0].cid, input[1].cid], blocks: input))
        let reader = try CARReader(bytes: bytes)
        #expect(reader.roots == [input[0].cid, input[1].cid])
        let read = try reader.allBlocks()
        #expect(read.map(\.cid) == input.map(\.cid))
        #expect(read.map(\.data) == input.map(\.data))
        // The header is the canonical DAG-CBOR map {roots, version: 1}.
        let header = CBORValue.map(["roots": .array([.cid(input[0].cid), .cid(input[1].cid)]), "version": .unsigned(1)]).cborBytes
        #expect(Array(bytes[1..<(1 + header.count)]) == header)
    }

    @Test func damageIsReportedWithOffsetAndCID() throws {
        let input = blocks(5)
        let bytes = CARWriter.archive(roots: [input[0].cid], blocks: input)
        let lastOffset = try CARReader(bytes: bytes).allBlocks().last?.offset ?? 0
        // Cut inside the last block's data: the CID is complete, so it is named.
        #expect(throws: CARError.truncated(offset: lastOffset, cid: input[4].cid)) {
            try CARReader(bytes: Array(bytes.dropLast(2))).allBlocks()
        }
        var corrupted = bytes
        corrupted[corrupted.count - 1] ^= 0x40
        #expect(throws: CARError.hashMismatch(offset: lastOffset, cid: input[4].cid)) {
            try CARReader(bytes: corrupted).allBlocks()
        }
        #expect(throws: CARError.self) { try CARReader(bytes: Array(bytes.prefix(3))) }
    }
}
