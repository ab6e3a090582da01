import BigInt
import DagCBOR
import FilecoinTypes

/// The storage power actor's state. v0 (16 fields):
/// `[TotalRawBytePower, TotalBytesCommitted, TotalQualityAdjPower, TotalQABytesCommitted,
/// TotalPledgeCollateral, ThisEpochRawBytePower, ThisEpochQualityAdjPower,
/// ThisEpochPledgeCollateral, ThisEpochQAPowerSmoothed, MinerCount, MinerAboveMinPowerCount,
/// CronEventQueue, FirstCronEpoch, LastProcessedCronEpoch, Claims, ProofValidationBatch]`;
/// v2 (15) drops LastProcessedCronEpoch.
///
/// Invariant: `lastProcessedCronEpoch` is non-nil exactly for v0 state.
public struct PowerState: CBORCodable, Hashable, Sendable {
    public var totalRawBytePower: BigInt
    /// Includes claims of miners below the minimum power.
    public var totalBytesCommitted: BigInt
    public var totalQualityAdjPower: BigInt
    /// Includes claims of miners below the minimum power.
    public var totalQABytesCommitted: BigInt
    public var totalPledgeCollateral: TokenAmount
    public var thisEpochRawBytePower: BigInt
    public var thisEpochQualityAdjPower: BigInt
    public var thisEpochPledgeCollateral: TokenAmount
    public var thisEpochQAPowerSmoothed: FilterEstimate
    public var minerCount: Int64
    public var minerAboveMinPowerCount: Int64
    /// Multimap HAMT[epoch]AMT[PowerCronEvent].
    public var cronEventQueue: CID
    public var firstCronEpoch: Int64
    public var lastProcessedCronEpoch: Int64?
    /// HAMT[address]PowerClaim.
    public var claims: CID
    /// Multimap HAMT[address]AMT[SealVerifyInfo], nil when empty.
    public var proofValidationBatch: CID?

    /// The state at construction (`ConstructState`).
    public init(emptyMap: CID, emptyMultimap: CID, actorsVersion: Int) {
        totalRawBytePower = 0
        totalBytesCommitted = 0
        totalQualityAdjPower = 0
        totalQABytesCommitted = 0
        totalPledgeCollateral = .zero
        thisEpochRawBytePower = 0
        thisEpochQualityAdjPower = 0
        thisEpochPledgeCollateral = .zero
        thisEpochQAPowerSmoothed = FilterEstimate(
            wholePosition: PowerPolicy.initialQAPowerEstimatePosition, wholeVelocity: PowerPolicy.initialQAPowerEstimateVelocity)
        minerCount = 0
        minerAboveMinPowerCount = 0
        cronEventQueue = emptyMultimap
        firstCronEpoch = 0
        lastProcessedCronEpoch = actorsVersion >= 2 ? nil : -1
        claims = emptyMap
        proofValidationBatch = nil
    }

    /// The network's (raw, QA) power: committed bytes until enough miners meet the minimum,
    /// then only theirs (`CurrentTotalPower`).
    public func currentTotalPower(actorsVersion: Int) -> (raw: BigInt, qualityAdjusted: BigInt) {
        if minerAboveMinPowerCount < PowerPolicy.consensusMinerMinMiners(actorsVersion: actorsVersion) {
            return (totalBytesCommitted, totalQABytesCommitted)
        }
        return (totalRawBytePower, totalQualityAdjPower)
    }

    public init(from reader: inout CBORReader) throws {
        let start = reader.offset
        let count = try reader.readArrayHeader()
        guard count == 15 || count == 16 else {
            throw CBORError(.unexpectedCount(expected: 15, found: count), offset: start)
        }
        totalRawBytePower = try reader.readBigInt()
        totalBytesCommitted = try reader.readBigInt()
        totalQualityAdjPower = try reader.readBigInt()
        totalQABytesCommitted = try reader.readBigInt()
        totalPledgeCollateral = try reader.readTokenAmount()
        thisEpochRawBytePower = try reader.readBigInt()
        thisEpochQualityAdjPower = try reader.readBigInt()
        thisEpochPledgeCollateral = try reader.readTokenAmount()
        thisEpochQAPowerSmoothed = try FilterEstimate(from: &reader)
        minerCount = try reader.readInt()
        minerAboveMinPowerCount = try reader.readInt()
        cronEventQueue = try reader.readCID()
        firstCronEpoch = try reader.readInt()
        lastProcessedCronEpoch = count == 16 ? try reader.readInt() : nil
        claims = try reader.readCID()
        proofValidationBatch = try reader.readNullable { try $0.readCID() }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(lastProcessedCronEpoch == nil ? 15 : 16)
        writer.writeBigInt(totalRawBytePower)
        writer.writeBigInt(totalBytesCommitted)
        writer.writeBigInt(totalQualityAdjPower)
        writer.writeBigInt(totalQABytesCommitted)
        writer.writeTokenAmount(totalPledgeCollateral)
        writer.writeBigInt(thisEpochRawBytePower)
        writer.writeBigInt(thisEpochQualityAdjPower)
        writer.writeTokenAmount(thisEpochPledgeCollateral)
        thisEpochQAPowerSmoothed.encode(to: &writer)
        writer.writeInt(minerCount)
        writer.writeInt(minerAboveMinPowerCount)
        writer.writeCID(cronEventQueue)
        writer.writeInt(firstCronEpoch)
        if let lastProcessedCronEpoch { writer.writeInt(lastProcessedCronEpoch) }
        writer.writeCID(claims)
        writer.writeOptional(proofValidationBatch)
    }
}
