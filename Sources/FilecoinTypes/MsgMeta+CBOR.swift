import DagCBOR

/// A message meta is a 2-element CBOR array: `[BlsMessages, SecpkMessages]`.
extension MsgMeta: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeCID(blsMessages)
        writer.writeCID(secpkMessages)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        blsMessages = try reader.readCID()
        secpkMessages = try reader.readCID()
    }
}
