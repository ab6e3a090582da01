import DagCBOR

/// A ticket is a 1-element CBOR array: `[VRFProof]`.
extension Ticket: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeBytes(vrfProof)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        vrfProof = try reader.readBytes()
    }
}
