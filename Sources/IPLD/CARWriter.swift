import DagCBOR

/// Writes a CARv1 archive as a stream: the header `{roots, version: 1}` is emitted on creation,
/// then each block as `varint(len(cid) + len(data)) || cid || data`, each through `output` as
/// soon as it is written (so a whole chain export never has to sit in memory).
///
/// The writer does not hash blocks: callers pass CIDs that name their bytes (as a block store
/// guarantees). ``CARReader`` checks them on the way back.
public struct CARWriter {
    public let roots: [CID]
    private let output: ([UInt8]) throws -> Void
    /// Bytes written so far (header included): the offset of the next frame.
    public private(set) var offset: Int = 0
    public private(set) var blockCount: Int = 0

    public init(roots: [CID], output: @escaping ([UInt8]) throws -> Void) throws {
        self.roots = roots
        self.output = output
        var header = CBORWriter()
        // Canonical key order: "roots" (5 bytes) before "version" (7 bytes).
        header.writeMapHeader(2)
        header.writeText("roots")
        header.writeArrayHeader(roots.count)
        for root in roots { header.writeCID(root) }
        header.writeText("version")
        header.writeUnsigned(1)
        try emit(Varint.encode(UInt64(header.bytes.count)) + header.bytes)
    }

    /// Appends one block frame.
    public mutating func write(cid: CID, data: [UInt8]) throws {
        var frame = Varint.encode(UInt64(cid.bytes.count + data.count))
        frame.reserveCapacity(frame.count + cid.bytes.count + data.count)
        frame.append(contentsOf: cid.bytes)
        frame.append(contentsOf: data)
        try emit(frame)
        blockCount += 1
    }

    private mutating func emit(_ bytes: [UInt8]) throws {
        try output(bytes)
        offset += bytes.count
    }

    /// A whole archive in memory.
    public static func archive(roots: [CID], blocks: some Sequence<(cid: CID, data: [UInt8])>) -> [UInt8] {
        var out: [UInt8] = []
        do {
            var writer = try CARWriter(roots: roots) { out.append(contentsOf: $0) }
            for block in blocks { try writer.write(cid: block.cid, data: block.data) }
        } catch {
            // Appending to an array cannot fail, so neither can the writer here.
        }
        return out
    }
}
