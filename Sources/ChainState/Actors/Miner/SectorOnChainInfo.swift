import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// A proven sector as the miner stores it in its Sectors AMT (specs-actors `SectorOnChainInfo`):
/// 11 fields in v0, 13 in v2 (v2 adds the replaced sector's age and day reward).
///
/// Invariant: `replacedSectorAge` and `replacedDayReward` are both nil (v0 layout) or both set.
public struct SectorOnChainInfo: Hashable, Sendable, CBORCodable {
    public var sectorNumber: UInt64
    public var sealProof: RegisteredSealProof
    public var sealedCID: CID
    public var dealIDs: [UInt64]
    public var activation: Int64
    public var expiration: Int64
    public var dealWeight: BigInt
    public var verifiedDealWeight: BigInt
    public var initialPledge: TokenAmount
    public var expectedDayReward: TokenAmount
    public var expectedStoragePledge: TokenAmount
    public var replacedSectorAge: Int64?
    public var replacedDayReward: TokenAmount?

    public init(
        sectorNumber: UInt64, sealProof: RegisteredSealProof, sealedCID: CID, dealIDs: [UInt64], activation: Int64,
        expiration: Int64, dealWeight: BigInt, verifiedDealWeight: BigInt, initialPledge: TokenAmount,
        expectedDayReward: TokenAmount, expectedStoragePledge: TokenAmount, replacedSectorAge: Int64? = nil,
        replacedDayReward: TokenAmount? = nil
    ) {
        self.sectorNumber = sectorNumber
        self.sealProof = sealProof
        self.sealedCID = sealedCID
        self.dealIDs = dealIDs
        self.activation = activation
        self.expiration = expiration
        self.dealWeight = dealWeight
        self.verifiedDealWeight = verifiedDealWeight
        self.initialPledge = initialPledge
        self.expectedDayReward = expectedDayReward
        self.expectedStoragePledge = expectedStoragePledge
        self.replacedSectorAge = replacedSectorAge
        self.replacedDayReward = replacedDayReward
    }

    public init(from reader: inout CBORReader) throws {
        let start = reader.offset
        let count = try reader.readArrayHeader()
        guard count == 11 || count == 13 else { throw CBORError(.unexpectedCount(expected: 13, found: count), offset: start) }
        sectorNumber = try reader.readUnsigned()
        sealProof = RegisteredSealProof(rawValue: try reader.readInt())
        sealedCID = try reader.readCID()
        let deals = try reader.readArrayHeader()
        dealIDs = []
        dealIDs.reserveCapacity(Swift.min(deals, 8192))
        for _ in 0..<deals { dealIDs.append(try reader.readUnsigned()) }
        activation = try reader.readInt()
        expiration = try reader.readInt()
        dealWeight = try FilecoinBigInt.decode(from: &reader)
        verifiedDealWeight = try FilecoinBigInt.decode(from: &reader)
        initialPledge = try TokenAmount(from: &reader)
        expectedDayReward = try TokenAmount(from: &reader)
        expectedStoragePledge = try TokenAmount(from: &reader)
        if count == 13 {
            replacedSectorAge = try reader.readInt()
            replacedDayReward = try TokenAmount(from: &reader)
        } else {
            replacedSectorAge = nil
            replacedDayReward = nil
        }
    }

    public func encode(to writer: inout CBORWriter) {
        let hasReplaced = replacedSectorAge != nil || replacedDayReward != nil
        writer.writeArrayHeader(hasReplaced ? 13 : 11)
        writer.writeUnsigned(sectorNumber)
        writer.writeInt(sealProof.rawValue)
        writer.writeCID(sealedCID)
        writer.writeArrayHeader(dealIDs.count)
        for deal in dealIDs { writer.writeUnsigned(deal) }
        writer.writeInt(activation)
        writer.writeInt(expiration)
        FilecoinBigInt.encode(dealWeight, to: &writer)
        FilecoinBigInt.encode(verifiedDealWeight, to: &writer)
        initialPledge.encode(to: &writer)
        expectedDayReward.encode(to: &writer)
        expectedStoragePledge.encode(to: &writer)
        if hasReplaced {
            writer.writeInt(replacedSectorAge ?? 0)
            (replacedDayReward ?? .zero).encode(to: &writer)
        }
    }
}
