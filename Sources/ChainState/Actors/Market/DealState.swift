import DagCBOR

/// A published deal's progress (`market.DealState`): each epoch is -1 while undefined.
public struct DealState: Hashable, Sendable, CBORCodable {
    /// The epoch the deal's sector was proven (-1 before activation).
    public var sectorStartEpoch: Int64
    /// The last cron epoch that paid the deal (-1 before the first).
    public var lastUpdatedEpoch: Int64
    /// The epoch its sector was terminated (-1 unless slashed).
    public var slashEpoch: Int64

    public init(sectorStartEpoch: Int64, lastUpdatedEpoch: Int64, slashEpoch: Int64) {
        self.sectorStartEpoch = sectorStartEpoch
        self.lastUpdatedEpoch = lastUpdatedEpoch
        self.slashEpoch = slashEpoch
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        writer.writeInt(sectorStartEpoch)
        writer.writeInt(lastUpdatedEpoch)
        writer.writeInt(slashEpoch)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        sectorStartEpoch = try reader.readInt()
        lastUpdatedEpoch = try reader.readInt()
        slashEpoch = try reader.readInt()
    }
}
