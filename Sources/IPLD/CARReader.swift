import DagCBOR

/// A CARv1 archive held in memory, read as a sequence of checked blocks (see
/// ``CARStreamReader`` for the frame format and the checks; this is that reader over
/// ``MemoryByteSource``, restartable because it is a value).
public struct CARReader: Sequence, Sendable {
    /// Largest frame accepted: Filecoin blocks are far below this.
    public static let maxFrameLength = 1 << 26

    /// The reader positioned at the first block, copied by every iteration.
    private let start: CARStreamReader<MemoryByteSource>

    public var roots: [CID] { start.roots }

    public init(bytes: [UInt8]) throws(CARError) {
        start = try CARStreamReader(MemoryByteSource(bytes))
    }

    public func makeIterator() -> Iterator { Iterator(stream: start) }

    /// Every block, in file order, each checked; stops at the first bad frame.
    public func allBlocks() throws(CARError) -> [CARBlock] {
        var iterator = makeIterator()
        var blocks: [CARBlock] = []
        while let block = try iterator.nextBlock() { blocks.append(block) }
        return blocks
    }

    /// Walks the frames. `next()` ends the sequence at the first error; `nextBlock()` throws it.
    public struct Iterator: IteratorProtocol {
        private var stream: CARStreamReader<MemoryByteSource>
        public private(set) var error: CARError?

        init(stream: CARStreamReader<MemoryByteSource>) { self.stream = stream }

        public mutating func next() -> CARBlock? {
            do {
                return try nextBlock()
            } catch {
                self.error = error
                return nil
            }
        }

        public mutating func nextBlock() throws(CARError) -> CARBlock? { try stream.nextBlock() }
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
    /// The file or decompressor under the archive failed at this offset of the CAR.
    case unreadable(offset: Int, reason: String)

    public var description: String {
        switch self {
        case .invalidHeader(let why): "CAR header is invalid: \(why)"
        case .unsupportedVersion(let version): "CAR version \(version.map(String.init) ?? "missing") is not supported (only 1)"
        case .truncated(let offset, let cid):
            "CAR is truncated in the frame at byte \(offset)" + (cid.map { " (block \($0))" } ?? "")
        case .frameTooLarge(let offset, let length): "CAR frame at byte \(offset) claims \(length) bytes"
        case .invalidCID(let offset, let reason): "CAR frame at byte \(offset) has an invalid CID: \(reason)"
        case .hashMismatch(let offset, let cid): "CAR block at byte \(offset) does not hash to its CID \(cid)"
        case .unreadable(let offset, let reason): "CAR cannot be read at byte \(offset): \(reason)"
        }
    }
}
