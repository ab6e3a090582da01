import DagCBOR

/// A CBOR byte string of at most `Bitfield.maxEncodedSize` bytes whose first byte has version 0.
extension UnvalidatedBitfield: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeBytes(rlePlusBytes)
    }

    public init(from reader: inout CBORReader) throws {
        let bytes = try reader.readBytesSlice()
        guard bytes.count <= Bitfield.maxEncodedSize else {
            throw BitfieldError.encodedSizeTooLarge(bytes.count)
        }
        try self.init(rlePlusBytes: Array(bytes))
    }
}
