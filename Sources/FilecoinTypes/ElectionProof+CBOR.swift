import DagCBOR

/// An election proof is a 2-element CBOR array: `[WinCount, VRFProof]`.
extension ElectionProof: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeInt(winCount)
        writer.writeBytes(vrfProof)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        winCount = try reader.readInt()
        vrfProof = try reader.readBytes()
    }
}
