import DagCBOR

/// An address is a CBOR byte string of its protocol byte and payload.
extension Address: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeBytes(bytes)
    }

    public init(from reader: inout CBORReader) throws {
        try self.init(bytes: reader.readBytes())
    }
}
