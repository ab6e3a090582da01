import DagCBOR

/// A signed message is a 2-element CBOR array: the message, then the signature.
extension SignedMessage: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        message.encode(to: &writer)
        signature.encode(to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        message = try Message(from: &reader)
        signature = try Signature(from: &reader)
    }
}
