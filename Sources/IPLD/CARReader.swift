import DagCBOR
import FilecoinCrypto

/// Reads a CARv1 archive: a varint-framed DAG-CBOR header `{roots, version: 1}`, then
/// varint-framed blocks, each a binary CID followed by the block's bytes.
///
/// Every block's CID is checked against its bytes (for the hash functions that can be computed);
/// a truncated or corrupted archive fails with the offset of the frame and, where known, its CID.
public struct CARReader: Sequence, Sendable {
    public let roots: [CID]
    private let bytes: [UInt8]
    private let firstBlockOffset: Int
    /// Largest frame accepted: Filecoin blocks are far below this.
    public static let maxFrameLength = 1 << 26

    public init(bytes: [UInt8]) throws(CARError) {
        self.bytes = bytes
        var offset = 0
        let headerLength = try Self.readFrameLength(bytes, at: &offset)
        guard headerLength > 0, offset + headerLength <= bytes.count else { throw .truncated(offset: 0, cid: nil) }
        let header = Array(bytes[offset..<offset + headerLength])
        do {
            var reader = CBORReader(bytes: header)
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
            self.roots = roots
        } catch let error as CARError {
            throw error
        } catch {
            throw .invalidHeader("\(error)")
        }
        firstBlockOffset = offset + headerLength
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes, offset: firstBlockOffset) }

    /// Every block, in file order, each checked; stops at the first bad frame.
    public func allBlocks() throws(CARError) -> [CARBlock] {
        var iterator = makeIterator()
        var blocks: [CARBlock] = []
        while let block = try iterator.nextBlock() { blocks.append(block) }
        return blocks
    }

    /// Walks the frames. `next()` ends the sequence at the first error; `nextBlock()` throws it.
    public struct Iterator: IteratorProtocol {
        private let bytes: [UInt8]
        private var offset: Int
        public private(set) var error: CARError?

        init(bytes: [UInt8], offset: Int) {
            self.bytes = bytes
            self.offset = offset
        }

        public mutating func next() -> CARBlock? {
            do {
                return try nextBlock()
            } catch {
                self.error = error
                return nil
            }
        }

        public mutating func nextBlock() throws(CARError) -> CARBlock? {
            guard offset < bytes.count else { return nil }
            let frameStart = offset
            let length = try CARReader.readFrameLength(bytes, at: &offset)
            guard offset + length <= bytes.count else {
                // Name the block when its CID at least is complete.
                throw .truncated(offset: frameStart, cid: try? CID.prefix(of: bytes[offset...]).cid)
            }
            let frame = bytes[offset..<offset + length]
            offset += length
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
    }

    static func readFrameLength(_ bytes: [UInt8], at offset: inout Int) throws(CARError) -> Int {
        let start = offset
        do {
            let length = try Varint.decode(bytes, from: &offset)
            guard length <= UInt64(CARReader.maxFrameLength) else { throw CARError.frameTooLarge(offset: start, length: length) }
            return Int(length)
        } catch let error as CARError {
            throw error
        } catch {
            throw .truncated(offset: start, cid: nil)
        }
    }
}

/// Why a CAR archive could not be read.
public enum CARError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidHeader(String)
    case unsupportedVersion(UInt64?)
    case truncated(offset: Int, cid: CID?)
    case frameTooLarge(offset: Int, length: UInt64)
    case invalidCID(offset: Int, reason: String)
    case hashMismatch(offset: Int, cid: CID)

    public var description: String {
        switch self {
        case .invalidHeader(let why): "CAR header is invalid: \(why)"
        case .unsupportedVersion(let version): "CAR version \(version.map(String.init) ?? "missing") is not supported (only 1)"
        case .truncated(let offset, let cid):
            "CAR is truncated in the frame at byte \(offset)" + (cid.map { " (block \($0))" } ?? "")
        case .frameTooLarge(let offset, let length): "CAR frame at byte \(offset) claims \(length) bytes"
        case .invalidCID(let offset, let reason): "CAR frame at byte \(offset) has an invalid CID: \(reason)"
        case .hashMismatch(let offset, let cid): "CAR block at byte \(offset) does not hash to its CID \(cid)"
        }
    }
}
