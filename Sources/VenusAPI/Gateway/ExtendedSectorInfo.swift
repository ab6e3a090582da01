import DagCBOR
import FilecoinTypes

/// A sector to prove (go-state-types `builtin.ExtendedSectorInfo`):
/// `{"SealProof": 8, "SectorNumber": 1, "SectorKey": {"/": ...} | null, "SealedCID": {"/": ...}}`.
public struct ExtendedSectorInfo: Codable, Sendable, Hashable {
    public var sealProof: Int64
    public var sectorNumber: UInt64
    public var sectorKey: CID?
    public var sealedCID: CID

    public init(sealProof: Int64, sectorNumber: UInt64, sectorKey: CID?, sealedCID: CID) {
        self.sealProof = sealProof
        self.sectorNumber = sectorNumber
        self.sectorKey = sectorKey
        self.sealedCID = sealedCID
    }

    enum CodingKeys: String, CodingKey {
        case sealProof = "SealProof", sectorNumber = "SectorNumber", sectorKey = "SectorKey", sealedCID = "SealedCID"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sealProof, forKey: .sealProof)
        try c.encode(sectorNumber, forKey: .sectorNumber)
        try c.encode(sectorKey, forKey: .sectorKey)
        try c.encode(sealedCID, forKey: .sealedCID)
    }
}
