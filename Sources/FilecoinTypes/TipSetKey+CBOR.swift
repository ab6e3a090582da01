import DagCBOR

/// In CBOR a tipset key is an array of CIDs (as in `ExpTipSet` and API parameters).
extension TipSetKey: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(cids.count)
        for cid in cids { writer.writeCID(cid) }
    }

    public init(from reader: inout CBORReader) throws {
        let count = try reader.readArrayHeader()
        self.init(try (0..<count).map { _ in try reader.readCID() })
    }
}
