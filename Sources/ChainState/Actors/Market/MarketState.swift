import DagCBOR
import FilecoinTypes

/// The storage market actor's state (specs-actors v0.9 and v2.3 `market.State`, the same
/// eleven-field tuple in both).
///
/// `proposals` and `states` are AMTs keyed by deal ID; `pendingProposals` is a HAMT keyed by
/// proposal CID; the escrow and locked tables are HAMTs of address to amount (locked never
/// exceeds escrow for any address); `dealOpsByEpoch` is a HAMT of epoch to a HAMT set of deal
/// IDs. The three totals track what the locked table holds, by reason.
public struct MarketState: Hashable, Sendable, CBORCodable {
    public var proposals: CID
    public var states: CID
    public var pendingProposals: CID
    public var escrowTable: CID
    public var lockedTable: CID
    public var nextID: UInt64
    public var dealOpsByEpoch: CID
    public var lastCron: Int64
    public var totalClientLockedCollateral: TokenAmount
    public var totalProviderLockedCollateral: TokenAmount
    public var totalClientStorageFee: TokenAmount

    /// A fresh state over an empty AMT and empty HAMTs (`ConstructState`).
    public init(emptyArray: CID, emptyMap: CID, emptyMultimap: CID) {
        proposals = emptyArray
        states = emptyArray
        pendingProposals = emptyMap
        escrowTable = emptyMap
        lockedTable = emptyMap
        nextID = 0
        dealOpsByEpoch = emptyMultimap
        lastCron = -1
        totalClientLockedCollateral = .zero
        totalProviderLockedCollateral = .zero
        totalClientStorageFee = .zero
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(11)
        writer.writeCID(proposals)
        writer.writeCID(states)
        writer.writeCID(pendingProposals)
        writer.writeCID(escrowTable)
        writer.writeCID(lockedTable)
        writer.writeUnsigned(nextID)
        writer.writeCID(dealOpsByEpoch)
        writer.writeInt(lastCron)
        totalClientLockedCollateral.encode(to: &writer)
        totalProviderLockedCollateral.encode(to: &writer)
        totalClientStorageFee.encode(to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 11)
        proposals = try reader.readCID()
        states = try reader.readCID()
        pendingProposals = try reader.readCID()
        escrowTable = try reader.readCID()
        lockedTable = try reader.readCID()
        nextID = try reader.readUnsigned()
        dealOpsByEpoch = try reader.readCID()
        lastCron = try reader.readInt()
        totalClientLockedCollateral = try TokenAmount(from: &reader)
        totalProviderLockedCollateral = try TokenAmount(from: &reader)
        totalClientStorageFee = try TokenAmount(from: &reader)
    }
}
