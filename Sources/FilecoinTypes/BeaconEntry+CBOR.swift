import DagCBOR

/// A beacon entry is a 2-element CBOR array: `[Round, Data]`.
extension BeaconEntry: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeUnsigned(round)
        writer.writeBytes(data)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        round = try reader.readUnsigned()
        data = try reader.readBytes()
    }
}
