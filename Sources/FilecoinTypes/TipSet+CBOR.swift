import DagCBOR

/// A tipset in CBOR is Lotus's `ExpTipSet`: `[Cids, Blocks, Height]`.
extension TipSet: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        key.encode(to: &writer)
        writer.writeArrayHeader(blocks.count)
        for block in blocks { block.encode(to: &writer) }
        writer.writeInt(height)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        let claimedKey = try TipSetKey(from: &reader)
        let blocks = try (0..<reader.readArrayHeader()).map { _ in try BlockHeader(from: &reader) }
        let claimedHeight = try reader.readInt()
        try self.init(blocks: blocks)
        guard key == claimedKey, height == claimedHeight else {
            throw FilecoinTypesError.invalidTipSet("the encoded key or height does not match the blocks")
        }
    }
}
