import DagCBOR
import FilecoinTypes

/// `[Header, BlsMessages, SecpkMessages]`, as cbor-gen writes it.
extension BlockMsg: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        header.encode(to: &writer)
        writer.writeArrayHeader(blsMessages.count)
        for cid in blsMessages { writer.writeCID(cid) }
        writer.writeArrayHeader(secpkMessages.count)
        for cid in secpkMessages { writer.writeCID(cid) }
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        header = try BlockHeader(from: &reader)
        blsMessages = try (0..<reader.readArrayHeader()).map { _ in try reader.readCID() }
        secpkMessages = try (0..<reader.readArrayHeader()).map { _ in try reader.readCID() }
    }
}
