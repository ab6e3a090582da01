import DagCBOR

/// A message is a 10-element CBOR array in field order.
extension Message: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(10)
        writer.writeUnsigned(version)
        to.encode(to: &writer)
        from.encode(to: &writer)
        writer.writeUnsigned(nonce)
        value.encode(to: &writer)
        writer.writeInt(gasLimit)
        gasFeeCap.encode(to: &writer)
        gasPremium.encode(to: &writer)
        writer.writeUnsigned(method)
        writer.writeBytes(params)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 10)
        version = try reader.readUnsigned()
        to = try Address(from: &reader)
        from = try Address(from: &reader)
        nonce = try reader.readUnsigned()
        value = try TokenAmount(from: &reader)
        gasLimit = try reader.readInt()
        gasFeeCap = try TokenAmount(from: &reader)
        gasPremium = try TokenAmount(from: &reader)
        method = try reader.readUnsigned()
        params = try reader.readBytes()
    }
}
