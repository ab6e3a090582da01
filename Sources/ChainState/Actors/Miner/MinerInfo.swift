import DagCBOR
import FilecoinTypes
import Proofs

/// Static information about a miner, stored in its own block (`MinerState.info`).
///
/// v0: 9 fields; v2 adds `ConsensusFaultElapsed` and `PendingOwnerAddress` (11 fields). The
/// owner, worker and control addresses are ID addresses.
public struct MinerInfo: CBORCodable, Sendable, Hashable {
    public var owner: Address
    public var worker: Address
    public var controlAddresses: [Address]
    public var pendingWorkerKey: WorkerKeyChange?
    public var peerID: [UInt8]
    public var multiaddrs: [[UInt8]]
    public var sealProofType: RegisteredSealProof
    public var sectorSize: UInt64
    public var windowPoStPartitionSectors: UInt64
    /// v2: the epoch until which the miner may not win blocks after a consensus fault (-1: none).
    /// Nil exactly for actors v0.
    public var consensusFaultElapsed: Int64?
    /// v2: the proposed new owner, until it confirms.
    public var pendingOwnerAddress: Address?

    public var actorsVersion: Int { consensusFaultElapsed == nil ? 0 : 2 }

    public init(
        owner: Address, worker: Address, controlAddresses: [Address], peerID: [UInt8], multiaddrs: [[UInt8]],
        sealProofType: RegisteredSealProof, sectorSize: UInt64, windowPoStPartitionSectors: UInt64, actorsVersion: Int
    ) {
        self.owner = owner
        self.worker = worker
        self.controlAddresses = controlAddresses
        self.pendingWorkerKey = nil
        self.peerID = peerID
        self.multiaddrs = multiaddrs
        self.sealProofType = sealProofType
        self.sectorSize = sectorSize
        self.windowPoStPartitionSectors = windowPoStPartitionSectors
        self.consensusFaultElapsed = actorsVersion >= 2 ? -1 : nil
        self.pendingOwnerAddress = nil
    }

    public init(from reader: inout CBORReader) throws {
        let count = try reader.readArrayHeader()
        guard count == 9 || count == 11 else { throw CBORError(.unexpectedCount(expected: 9, found: count), offset: reader.offset) }
        owner = try Address(from: &reader)
        worker = try Address(from: &reader)
        controlAddresses = try MinerCBOR.readAddresses(&reader)
        pendingWorkerKey = try reader.readNullable { try WorkerKeyChange(from: &$0) }
        peerID = try reader.readBytes()
        multiaddrs = try MinerCBOR.readBytesArray(&reader)
        sealProofType = try RegisteredSealProof(from: &reader)
        sectorSize = try reader.readUnsigned()
        windowPoStPartitionSectors = try reader.readUnsigned()
        if count == 11 {
            consensusFaultElapsed = try reader.readInt()
            pendingOwnerAddress = try reader.readNullable { try Address(from: &$0) }
        } else {
            consensusFaultElapsed = nil
            pendingOwnerAddress = nil
        }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(consensusFaultElapsed == nil ? 9 : 11)
        owner.encode(to: &writer)
        worker.encode(to: &writer)
        MinerCBOR.writeAddresses(controlAddresses, &writer)
        if let pendingWorkerKey { pendingWorkerKey.encode(to: &writer) } else { writer.writeNull() }
        writer.writeBytes(peerID)
        MinerCBOR.writeBytesArray(multiaddrs, &writer)
        sealProofType.encode(to: &writer)
        writer.writeUnsigned(sectorSize)
        writer.writeUnsigned(windowPoStPartitionSectors)
        if let consensusFaultElapsed {
            writer.writeInt(consensusFaultElapsed)
            if let pendingOwnerAddress { pendingOwnerAddress.encode(to: &writer) } else { writer.writeNull() }
        }
    }
}
