import DagCBOR
import FilecoinCrypto

/// Reads a CARv1 archive from a ``ByteSource`` one frame at a time: a varint-framed DAG-CBOR
/// header `{roots, version: 1}`, then varint-framed blocks, each a binary CID and the block's bytes.
///
/// Memory use is bounded by the largest frame (``CARReader/maxFrameLength``) plus one read chunk,
/// whatever the archive's size. Every block's CID is checked against its bytes (for the hash
/// functions that can be computed); a truncated or corrupted archive fails with the offset of the
/// frame (in the uncompressed CAR) and, where known, its CID.
public struct CARStreamReader<Source: ByteSource> {
    public private(set) var roots: [CID] = []
    private var source: Source
    private var buffer: [UInt8] = []
    /// Index in `buffer` of the first unread byte.
    private var cursor = 0
    /// Offset in the CAR of `buffer[0]`.
    private var bufferStart = 0
    private var sourceEnded = false
    private static var chunkSize: Int { 1 << 20 }

    /// Reads and checks the header.
    public init(_ source: Source) throws(CARError) {
        self.source = source
        let headerLength = try readFrameLength()
        guard headerLength > 0, try fill(headerLength) else { throw .truncated(offset: 0, cid: nil) }
        roots = try Self.parseHeader(buffer[cursor..<cursor + headerLength])
        cursor += headerLength
    }

    /// Offset in the CAR of the next unread byte.
    public var offset: Int { bufferStart + cursor }

    /// The next block, checked against its CID; nil at the clean end of the archive.
    public mutating func nextBlock() throws(CARError) -> CARBlock? {
        guard try fill(1) else { return nil }
        let frameStart = offset
        let length = try readFrameLength()
        guard try fill(length) else {
            // Name the block when its CID at least is complete.
            throw .truncated(offset: frameStart, cid: try? CID.prefix(of: buffer[cursor...]).cid)
        }
        let frame = buffer[cursor..<cursor + length]
        cursor += length
        let cid: CID, cidLength: Int
        do {
            (cid, cidLength) = try CID.prefix(of: frame)
        } catch {
            throw .invalidCID(offset: frameStart, reason: "\(error)")
        }
        let data = Array(frame.dropFirst(cidLength))
        // Commitment CIDs (CommP/CommR) cannot be recomputed from bytes; all others are checked.
        if let recomputed = try? Multihash.hashing(data, code: cid.multihash.code), recomputed != cid.multihash {
            throw .hashMismatch(offset: frameStart, cid: cid)
        }
        return CARBlock(cid: cid, data: data, offset: frameStart)
    }

    /// Calls `body` with every remaining block in file order; stops at the first bad frame.
    public mutating func forEachBlock<E: Error>(_ body: (CARBlock) throws(E) -> Void) throws(CARStreamError<E>) {
        while true {
            let block: CARBlock?
            do { block = try nextBlock() } catch { throw .car(error) }
            guard let block else { return }
            do { try body(block) } catch { throw .body(error) }
        }
    }

    /// Stores every remaining block in `store`, a transaction per `batchSize` blocks rather than
    /// per block (every block was checked against its CID as it was read); returns how many.
    /// Blocks of a batch that had been read when the archive turned out bad are not stored.
    @discardableResult
    public mutating func copyBlocks(
        into store: some Blockstore, batchSize: Int = 4096
    ) throws(CARStreamError<BlockstoreError>) -> Int {
        var count = 0
        var batch: [(cid: CID, data: [UInt8])] = []
        batch.reserveCapacity(min(batchSize, 1024))
        try forEachBlock { block throws(BlockstoreError) in
            count += 1
            batch.append((block.cid, block.data))
            if batch.count >= batchSize {
                try store.putMany(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        do { try store.putMany(batch) } catch { throw .body(error) }
        return count
    }

    /// Makes sure `count` unread bytes are buffered; false when the source ends first.
    private mutating func fill(_ count: Int) throws(CARError) -> Bool {
        if buffer.count - cursor >= count { return true }
        // Drop what has been read so the buffer holds one frame and one chunk at most.
        if cursor > 0 {
            buffer.removeSubrange(..<cursor)
            bufferStart += cursor
            cursor = 0
        }
        while buffer.count < count && !sourceEnded {
            let chunk: [UInt8]
            do { chunk = try source.read(maxLength: max(Self.chunkSize, count - buffer.count)) } catch {
                throw .unreadable(offset: offset, reason: "\(error)")
            }
            if chunk.isEmpty { sourceEnded = true } else { buffer.append(contentsOf: chunk) }
        }
        return buffer.count >= count
    }

    private mutating func readFrameLength() throws(CARError) -> Int {
        let start = offset
        _ = try fill(10)
        var position = cursor
        let length: UInt64
        do {
            length = try Varint.decode(buffer, from: &position)
        } catch {
            throw .truncated(offset: start, cid: nil)
        }
        guard length <= UInt64(CARReader.maxFrameLength) else { throw .frameTooLarge(offset: start, length: length) }
        cursor = position
        return Int(length)
    }

    private static func parseHeader(_ header: ArraySlice<UInt8>) throws(CARError) -> [CID] {
        do {
            var reader = CBORReader(bytes: Array(header))
            var roots: [CID] = []
            var version: UInt64?
            let entries = try reader.readMapHeader()
            for _ in 0..<entries {
                switch try reader.readText() {
                case "roots":
                    roots = try (0..<reader.readArrayHeader()).map { _ in try reader.readCID() }
                case "version":
                    version = try reader.readUnsigned()
                default:
                    try reader.skipValue()
                }
            }
            try reader.finish()
            guard version == 1 else { throw CARError.unsupportedVersion(version) }
            return roots
        } catch let error as CARError {
            throw error
        } catch {
            throw .invalidHeader("\(error)")
        }
    }
}

extension CARStreamReader: Sendable where Source: Sendable {}

/// A streamed walk stopped: either the archive is bad or the caller's per-block work failed.
public enum CARStreamError<BodyError: Error>: Error {
    case car(CARError)
    case body(BodyError)
}
