import DagCBOR

/// A `proof.SectorInfo`: a sector as a PoSt challenges it.
public struct SectorInfo: Hashable, Sendable {
    /// The proof the sector was sealed with (mapped to its PoSt proof when a PoSt is verified).
    public var sealProof: RegisteredSealProof
    public var sectorNumber: UInt64
    /// CommR.
    public var sealedCID: CID

    public init(sealProof: RegisteredSealProof, sectorNumber: UInt64, sealedCID: CID) {
        self.sealProof = sealProof
        self.sectorNumber = sectorNumber
        self.sealedCID = sealedCID
    }
}

/// `[SealProof, SectorNumber, SealedCID]`, as cbor-gen writes it.
extension SectorInfo: CBOREncodable, CBORDecodable {
    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        writer.write(sealProof)
        writer.writeUnsigned(sectorNumber)
        writer.writeCID(sealedCID)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        sealProof = try reader.read()
        sectorNumber = try reader.readUnsigned()
        sealedCID = try reader.readCID()
    }
}
