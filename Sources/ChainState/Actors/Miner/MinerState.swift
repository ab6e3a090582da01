import DagCBOR
import FilecoinTypes

/// The storage miner actor's state, specs-actors v0.9 (13 fields) and v2.3 (14 fields: `FeeDebt`
/// after `VestingFunds`, and `InitialPledgeRequirement` renamed `InitialPledge`).
///
/// Invariants kept by the methods: the balance covers `preCommitDeposits + lockedFunds`
/// (+ `initialPledge` when not in debt); `allocatedSectors` and `vestingFunds` are CIDs of a
/// bitfield and a ``VestingFunds`` block; `feeDebt` is nil exactly for actors v0.
public struct MinerState: CBORCodable, Sendable, Hashable {
    public var info: CID
    public var preCommitDeposits: TokenAmount
    public var lockedFunds: TokenAmount
    public var vestingFunds: CID
    /// Unpaid fees (v2 only; nil in v0 state).
    public var feeDebt: TokenAmount?
    /// `InitialPledgeRequirement` in v0, `InitialPledge` in v2.
    public var initialPledge: TokenAmount
    /// HAMT[SectorNumber]SectorPreCommitOnChainInfo.
    public var preCommittedSectors: CID
    /// BitFieldQueue: AMT[Epoch]BitField.
    public var preCommittedSectorsExpiry: CID
    /// CID of a bitfield block.
    public var allocatedSectors: CID
    /// AMT[SectorNumber]SectorOnChainInfo.
    public var sectors: CID
    public var provingPeriodStart: Int64
    public var currentDeadline: UInt64
    /// CID of the `Deadlines` block (48 deadline CIDs).
    public var deadlines: CID
    public var earlyTerminations: Bitfield

    public var actorsVersion: Int { feeDebt == nil ? 0 : 2 }

    public init(
        info: CID, vestingFunds: CID, emptyMap: CID, emptyArray: CID, emptyBitfield: CID, deadlines: CID,
        provingPeriodStart: Int64, currentDeadline: UInt64, actorsVersion: Int
    ) {
        self.info = info
        self.preCommitDeposits = .zero
        self.lockedFunds = .zero
        self.vestingFunds = vestingFunds
        self.feeDebt = actorsVersion >= 2 ? .zero : nil
        self.initialPledge = .zero
        self.preCommittedSectors = emptyMap
        self.preCommittedSectorsExpiry = emptyArray
        self.allocatedSectors = emptyBitfield
        self.sectors = emptyArray
        self.provingPeriodStart = provingPeriodStart
        self.currentDeadline = currentDeadline
        self.deadlines = deadlines
        self.earlyTerminations = Bitfield()
    }

    public init(from reader: inout CBORReader) throws {
        let count = try reader.readArrayHeader()
        guard count == 13 || count == 14 else { throw CBORError(.unexpectedCount(expected: 13, found: count), offset: reader.offset) }
        info = try reader.readCID()
        preCommitDeposits = try TokenAmount(from: &reader)
        lockedFunds = try TokenAmount(from: &reader)
        vestingFunds = try reader.readCID()
        feeDebt = count == 14 ? try TokenAmount(from: &reader) : nil
        initialPledge = try TokenAmount(from: &reader)
        preCommittedSectors = try reader.readCID()
        preCommittedSectorsExpiry = try reader.readCID()
        allocatedSectors = try reader.readCID()
        sectors = try reader.readCID()
        provingPeriodStart = try reader.readInt()
        currentDeadline = try reader.readUnsigned()
        deadlines = try reader.readCID()
        earlyTerminations = try Bitfield(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(feeDebt == nil ? 13 : 14)
        writer.writeCID(info)
        preCommitDeposits.encode(to: &writer)
        lockedFunds.encode(to: &writer)
        writer.writeCID(vestingFunds)
        if let feeDebt { feeDebt.encode(to: &writer) }
        initialPledge.encode(to: &writer)
        writer.writeCID(preCommittedSectors)
        writer.writeCID(preCommittedSectorsExpiry)
        writer.writeCID(allocatedSectors)
        writer.writeCID(sectors)
        writer.writeInt(provingPeriodStart)
        writer.writeUnsigned(currentDeadline)
        writer.writeCID(deadlines)
        earlyTerminations.encode(to: &writer)
    }
}
