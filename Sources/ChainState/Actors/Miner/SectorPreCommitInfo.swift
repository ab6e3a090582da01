import DagCBOR
import FilecoinTypes
import Proofs

/// What a miner declares when pre-committing a sector (PreCommitSector's parameters), the same
/// 10-field tuple in v0 and v2.
public struct SectorPreCommitInfo: CBORCodable, Sendable, Hashable {
    public var sealProof: RegisteredSealProof
    public var sectorNumber: UInt64
    /// CommR.
    public var sealedCID: CID
    public var sealRandEpoch: Int64
    public var dealIDs: [UInt64]
    public var expiration: Int64
    /// Whether this sector replaces a committed-capacity sector (needs deals).
    public var replaceCapacity: Bool
    public var replaceSectorDeadline: UInt64
    public var replaceSectorPartition: UInt64
    public var replaceSectorNumber: UInt64

    public init(
        sealProof: RegisteredSealProof, sectorNumber: UInt64, sealedCID: CID, sealRandEpoch: Int64, dealIDs: [UInt64],
        expiration: Int64, replaceCapacity: Bool = false, replaceSectorDeadline: UInt64 = 0,
        replaceSectorPartition: UInt64 = 0, replaceSectorNumber: UInt64 = 0
    ) {
        self.sealProof = sealProof
        self.sectorNumber = sectorNumber
        self.sealedCID = sealedCID
        self.sealRandEpoch = sealRandEpoch
        self.dealIDs = dealIDs
        self.expiration = expiration
        self.replaceCapacity = replaceCapacity
        self.replaceSectorDeadline = replaceSectorDeadline
        self.replaceSectorPartition = replaceSectorPartition
        self.replaceSectorNumber = replaceSectorNumber
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 10)
        sealProof = try RegisteredSealProof(from: &reader)
        sectorNumber = try reader.readUnsigned()
        sealedCID = try reader.readCID()
        sealRandEpoch = try reader.readInt()
        dealIDs = try MinerCBOR.readUnsignedArray(&reader)
        expiration = try reader.readInt()
        replaceCapacity = try reader.readBool()
        replaceSectorDeadline = try reader.readUnsigned()
        replaceSectorPartition = try reader.readUnsigned()
        replaceSectorNumber = try reader.readUnsigned()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(10)
        sealProof.encode(to: &writer)
        writer.writeUnsigned(sectorNumber)
        writer.writeCID(sealedCID)
        writer.writeInt(sealRandEpoch)
        MinerCBOR.writeUnsignedArray(dealIDs, &writer)
        writer.writeInt(expiration)
        writer.writeBool(replaceCapacity)
        writer.writeUnsigned(replaceSectorDeadline)
        writer.writeUnsigned(replaceSectorPartition)
        writer.writeUnsigned(replaceSectorNumber)
    }
}
