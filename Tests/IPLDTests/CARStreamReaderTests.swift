import DagCBOR
import FilecoinCrypto
import Foundation
import IPLD
import Testing
import VenusTesting

/// The streaming reader yields exactly what the in-memory reader does, whatever sizes the source
/// hands out, from files and through zstd, and reports damage at the right offset.
struct CARStreamReaderTests {
    /// Hands out at most `step` bytes per read, cycling through awkward sizes (1 byte splits varints
    /// and CIDs across reads).
    struct TrickleSource: ByteSource {
        var inner: MemoryByteSource
        var steps: [Int]
        var turn = 0

        mutating func read(maxLength: Int) -> [UInt8] {
            turn += 1
            return inner.read(maxLength: min(maxLength, steps[turn % steps.count]))
        }
    }

    private func blocks(_ count: Int) -> [(cid: CID, data: [UInt8])] {
        (0..<count).map { n in
            let data = CBORValue.array([.unsigned(UInt64(n)), .bytes([UInt8](repeating: UInt8(n & 0xff), count: (n * 37) % 700))]).cborBytes
            return (CID.filecoin(cbor: data), data)
        }
    }

    private func drain<S: ByteSource>(_ reader: inout CARStreamReader<S>) throws -> [CARBlock] {
        var out: [CARBlock] = []
        while let block = try reader.nextBlock() { out.append(block) }
        return out
    }

    @Test func anyChunkingGivesTheSameBlocks() throws {
        let input = blocks(300)
        let bytes = CARWriter.archive(roots: [input[7].cid], blocks: input)
        let expected = try CARReader(bytes: bytes).allBlocks()
        for steps in [[1], [1, 2, 3, 5, 8, 13], [4096], [70_000]] {
            var reader = try CARStreamReader(TrickleSource(inner: MemoryByteSource(bytes), steps: steps))
            #expect(reader.roots == [input[7].cid])
            let read = try drain(&reader)
            #expect(read == expected, "steps \(steps)")
            #expect(reader.offset == bytes.count)
        }
    }

    @Test func damageIsReportedAtItsOffsetWhenStreamed() throws {
        let input = blocks(20)
        let bytes = CARWriter.archive(roots: [input[0].cid], blocks: input)
        let last = try #require(try CARReader(bytes: bytes).allBlocks().last)
        var cut = try CARStreamReader(TrickleSource(inner: MemoryByteSource(Array(bytes.dropLast(3))), steps: [3, 7]))
        #expect(throws: CARError.truncated(offset: last.offset, cid: input[19].cid)) { try drain(&cut) }
        var corrupted = bytes
        corrupted[corrupted.count - 1] ^= 0x01
        var bad = try CARStreamReader(MemoryByteSource(corrupted))
        #expect(throws: CARError.hashMismatch(offset: last.offset, cid: input[19].cid)) { try drain(&bad) }
        #expect(throws: CARError.self) { try CARStreamReader(MemoryByteSource([0x05, 0xa1])) }
        #expect(throws: CARError.self) { try CARStreamReader(MemoryByteSource([])) }
    }

    @Test func filesAreStreamedAndMissingFilesNamed() throws {
        let input = blocks(100)
        let bytes = CARWriter.archive(roots: [input[1].cid], blocks: input)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(getpid()).car").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try CARStreamReader(FileByteSource(path: path))
        #expect(try drain(&reader).map(\.cid) == input.map(\.cid))
        #expect(throws: ByteSourceError.self) { try FileByteSource(path: path + ".missing") }
    }

    @Test(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)), arguments: ["mainnet", "calibnet"])
    func genesisStreamsThroughZstdLikeTheWholeFile(network: String) throws {
        let url = try TestVectors.url("genesis/\(network).car.zst")
        let whole = try CARReader(bytes: Zstd.decompress(Array(Data(contentsOf: url)))).allBlocks()
        var reader = try CARStreamReader(ZstdByteSource(FileByteSource(path: url.path)))
        let streamed = try drain(&reader)
        #expect(streamed == whole)
        #expect(streamed.count > 1000)
    }

    @Test(.enabled(if: TestVectors.available, Comment(rawValue: TestVectors.missingMessage)))
    func aCutZstdFileIsTruncatedNotShort() throws {
        let compressed = Array(try TestVectors.data("genesis/mainnet.car.zst"))
        var reader = try CARStreamReader(ZstdByteSource(MemoryByteSource(Array(compressed.prefix(compressed.count / 2)))))
        #expect {
            try drain(&reader)
        } throws: { error in
            guard case .unreadable(_, let reason)? = error as? CARError else { return false }
            return reason.contains("truncated")
        }
        var garbage = compressed
        garbage.replaceSubrange(100..<140, with: [UInt8](repeating: 0xff, count: 40))
        #expect(throws: (any Error).self) {
            var broken = try CARStreamReader(ZstdByteSource(MemoryByteSource(garbage)))
            _ = try drain(&broken)
        }
    }
}
