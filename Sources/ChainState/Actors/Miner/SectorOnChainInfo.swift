import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// A proven sector as stored in the miner's `Sectors` AMT. v0: 11 fields; v2 adds
/// `ReplacedSectorAge` and `ReplacedDayReward` (13 fields), both nil exactly in v0.
public struct SectorOnChainInfo: CBORCodable, Sendable, Hashable {
    public var sectorNumber: UInt64
    public var sealProof: RegisteredSealProof
    /// CommR.
    public var sealedCID: CID
    public var dealIDs: [UInt64]
    /// Epoch at which the proof was accepted.
    public var activation: Int64
    public var expiration: Int64
    public var dealWeight: BigInt
    public var verifiedDealWeight: BigInt
    public var initialPledge: TokenAmount
    /// One day's projected reward at activation.
    public var expectedDayReward: TokenAmount
    /// Twenty days' projected reward at activation.
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
        let count = try reader.readArrayHeader()
        guard count == 11 || count == 13 else { throw CBORError(.unexpectedCount(expected: 11, found: count), offset: reader.offset) }
        sectorNumber = try reader.readUnsigned()
        sealProof = try RegisteredSealProof(from: &reader)
        sealedCID = try reader.readCID()
        dealIDs = try MinerCBOR.readUnsignedArray(&reader)
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
        }
    }

    public func encode(to writer: inout CBORWriter) {
        let v2 = replacedSectorAge != nil || replacedDayReward != nil
        writer.writeArrayHeader(v2 ? 13 : 11)
        writer.writeUnsigned(sectorNumber)
        sealProof.encode(to: &writer)
        writer.writeCID(sealedCID)
        MinerCBOR.writeUnsignedArray(dealIDs, &writer)
        writer.writeInt(activation)
        writer.writeInt(expiration)
        FilecoinBigInt.encode(dealWeight, to: &writer)
        FilecoinBigInt.encode(verifiedDealWeight, to: &writer)
        initialPledge.encode(to: &writer)
        expectedDayReward.encode(to: &writer)
        expectedStoragePledge.encode(to: &writer)
        if v2 {
            writer.writeInt(replacedSectorAge ?? 0)
            (replacedDayReward ?? .zero).encode(to: &writer)
        }
    }
}
