import DagCBOR
import FilecoinTypes

/// The payload of a `SectorsUnsealPiece` event (venus-shared `gateway.UnsealRequest`):
/// `{"PieceCid": {"/": ...}, "Sector": {...}, "Offset": 0, "Size": 2048, "Dest": "..."}`.
/// `IsUnsealed` sends the same without `Dest` (`IsUnsealRequest`), so `dest` is nil there.
public struct UnsealRequest: Codable, Sendable, Hashable {
    public var pieceCID: CID
    public var sector: SectorRef
    public var offset: UInt64
    public var size: UInt64
    public var dest: String?

    public init(pieceCID: CID, sector: SectorRef, offset: UInt64, size: UInt64, dest: String?) {
        self.pieceCID = pieceCID
        self.sector = sector
        self.offset = offset
        self.size = size
        self.dest = dest
    }

    enum CodingKeys: String, CodingKey {
        case pieceCID = "PieceCid", sector = "Sector", offset = "Offset", size = "Size", dest = "Dest"
    }
}
