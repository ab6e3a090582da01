import BigInt
import DagCBOR
import FilecoinTypes

/// A pre-committed sector as stored in the miner's `PreCommittedSectors` HAMT:
/// `[Info, PreCommitDeposit, PreCommitEpoch, DealWeight, VerifiedDealWeight]` (v0 and v2).
public struct SectorPreCommitOnChainInfo: CBORCodable, Sendable, Hashable {
    public var info: SectorPreCommitInfo
    public var preCommitDeposit: TokenAmount
    public var preCommitEpoch: Int64
    /// Integral of the sector's active deals over its lifetime (bytes × epochs).
    public var dealWeight: BigInt
    public var verifiedDealWeight: BigInt

    public init(info: SectorPreCommitInfo, preCommitDeposit: TokenAmount, preCommitEpoch: Int64, dealWeight: BigInt, verifiedDealWeight: BigInt) {
        self.info = info
        self.preCommitDeposit = preCommitDeposit
        self.preCommitEpoch = preCommitEpoch
        self.dealWeight = dealWeight
        self.verifiedDealWeight = verifiedDealWeight
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 5)
        info = try SectorPreCommitInfo(from: &reader)
        preCommitDeposit = try TokenAmount(from: &reader)
        preCommitEpoch = try reader.readInt()
        dealWeight = try FilecoinBigInt.decode(from: &reader)
        verifiedDealWeight = try FilecoinBigInt.decode(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(5)
        info.encode(to: &writer)
        preCommitDeposit.encode(to: &writer)
        writer.writeInt(preCommitEpoch)
        FilecoinBigInt.encode(dealWeight, to: &writer)
        FilecoinBigInt.encode(verifiedDealWeight, to: &writer)
    }
}
