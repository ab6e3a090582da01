import DagCBOR

/// An `abi.PieceInfo`: a deal's piece as it lies in a sector, its padded size and its commitment (CommP).
public struct PieceInfo: Hashable, Sendable {
    /// The padded piece size (`abi.PaddedPieceSize`): a power of two, at least 128.
    public var size: UInt64
    public var pieceCID: CID

    public init(size: UInt64, pieceCID: CID) {
        self.size = size
        self.pieceCID = pieceCID
    }
}

/// `[Size, PieceCID]`, as cbor-gen writes it.
extension PieceInfo: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeUnsigned(size)
        writer.writeCID(pieceCID)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        size = try reader.readUnsigned()
        pieceCID = try reader.readCID()
    }
}
