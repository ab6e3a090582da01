import DagCBOR

/// A PoSt proof is a 2-element CBOR array: `[PoStProof, ProofBytes]`.
extension PoStProof: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeInt(proofType)
        writer.writeBytes(proofBytes)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        proofType = try reader.readInt()
        proofBytes = try reader.readBytes()
    }
}
