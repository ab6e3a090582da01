import DagCBOR
import FilecoinTypes

// The miner methods' parameter and return tuples (cbor-gen forms, v0 and v2 alike unless noted).
// Arrays longer than cbor-gen's 8192 and byte strings over 2 MiB do not decode, as in cbor-gen.

/// ChangeWorkerAddress: `[NewWorker, NewControlAddrs]`.
public struct ChangeWorkerAddressParams: CBORCodable, Sendable, Hashable {
    public var newWorker: Address
    public var newControlAddresses: [Address]

    public init(newWorker: Address, newControlAddresses: [Address]) {
        self.newWorker = newWorker
        self.newControlAddresses = newControlAddresses
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        newWorker = try Address(from: &reader)
        newControlAddresses = try MinerCBOR.readAddresses(&reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        newWorker.encode(to: &writer)
        MinerCBOR.writeAddresses(newControlAddresses, &writer)
    }
}

/// ChangePeerID: `[NewID]`.
public struct ChangePeerIDParams: CBORCodable, Sendable, Hashable {
    public var newID: [UInt8]

    public init(newID: [UInt8]) { self.newID = newID }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        newID = try MinerCBOR.readLimitedBytes(&reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeBytes(newID)
    }
}

/// ChangeMultiaddrs: `[NewMultiaddrs]`.
public struct ChangeMultiaddrsParams: CBORCodable, Sendable, Hashable {
    public var newMultiaddrs: [[UInt8]]

    public init(newMultiaddrs: [[UInt8]]) { self.newMultiaddrs = newMultiaddrs }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        newMultiaddrs = try MinerCBOR.readBytesArray(&reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        MinerCBOR.writeBytesArray(newMultiaddrs, &writer)
    }
}

/// ProveCommitSector: `[SectorNumber, Proof]`.
public struct ProveCommitSectorParams: CBORCodable, Sendable, Hashable {
    public var sectorNumber: UInt64
    public var proof: [UInt8]

    public init(sectorNumber: UInt64, proof: [UInt8]) {
        self.sectorNumber = sectorNumber
        self.proof = proof
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        sectorNumber = try reader.readUnsigned()
        proof = try MinerCBOR.readLimitedBytes(&reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeUnsigned(sectorNumber)
        writer.writeBytes(proof)
    }
}

/// ConfirmSectorProofsValid (sent by power's cron): `[Sectors]` (`builtin.ConfirmSectorProofsParams`).
public struct ConfirmSectorProofsParams: CBORCodable, Sendable, Hashable {
    public var sectors: [UInt64]

    public init(sectors: [UInt64]) { self.sectors = sectors }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        sectors = try MinerCBOR.readUnsignedArray(&reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        MinerCBOR.writeUnsignedArray(sectors, &writer)
    }
}

/// CheckSectorProven: `[SectorNumber]`.
public struct CheckSectorProvenParams: CBORCodable, Sendable, Hashable {
    public var sectorNumber: UInt64

    public init(sectorNumber: UInt64) { self.sectorNumber = sectorNumber }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        sectorNumber = try reader.readUnsigned()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeUnsigned(sectorNumber)
    }
}

/// CompactSectorNumbers: `[MaskSectorNumbers]` (a lazily checked bitfield, as go-bitfield reads it).
public struct CompactSectorNumbersParams: CBORCodable, Sendable, Hashable {
    public var maskSectorNumbers: UnvalidatedBitfield

    public init(maskSectorNumbers: UnvalidatedBitfield) { self.maskSectorNumbers = maskSectorNumbers }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        maskSectorNumbers = try UnvalidatedBitfield(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        maskSectorNumbers.encode(to: &writer)
    }
}

/// v2 ApplyRewards (sent by reward): `[Reward, Penalty]` (`builtin.ApplyRewardParams`).
public struct ApplyRewardParams: CBORCodable, Sendable, Hashable {
    public var reward: TokenAmount
    public var penalty: TokenAmount

    public init(reward: TokenAmount, penalty: TokenAmount) {
        self.reward = reward
        self.penalty = penalty
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        reward = try TokenAmount(from: &reader)
        penalty = try TokenAmount(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        reward.encode(to: &writer)
        penalty.encode(to: &writer)
    }
}

/// ReportConsensusFault: `[BlockHeader1, BlockHeader2, BlockHeaderExtra]`.
public struct ReportConsensusFaultParams: CBORCodable, Sendable, Hashable {
    public var blockHeader1: [UInt8]
    public var blockHeader2: [UInt8]
    public var blockHeaderExtra: [UInt8]

    public init(blockHeader1: [UInt8], blockHeader2: [UInt8], blockHeaderExtra: [UInt8] = []) {
        self.blockHeader1 = blockHeader1
        self.blockHeader2 = blockHeader2
        self.blockHeaderExtra = blockHeaderExtra
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        blockHeader1 = try MinerCBOR.readLimitedBytes(&reader)
        blockHeader2 = try MinerCBOR.readLimitedBytes(&reader)
        blockHeaderExtra = try MinerCBOR.readLimitedBytes(&reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        writer.writeBytes(blockHeader1)
        writer.writeBytes(blockHeader2)
        writer.writeBytes(blockHeaderExtra)
    }
}

/// WithdrawBalance: `[AmountRequested]`.
public struct MinerWithdrawBalanceParams: CBORCodable, Sendable, Hashable {
    public var amountRequested: TokenAmount

    public init(amountRequested: TokenAmount) { self.amountRequested = amountRequested }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        amountRequested = try TokenAmount(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        amountRequested.encode(to: &writer)
    }
}

/// ControlAddresses' return: `[Owner, Worker, ControlAddrs]`.
public struct GetControlAddressesReturn: CBORCodable, Sendable, Hashable {
    public var owner: Address
    public var worker: Address
    public var controlAddresses: [Address]

    public init(owner: Address, worker: Address, controlAddresses: [Address]) {
        self.owner = owner
        self.worker = worker
        self.controlAddresses = controlAddresses
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        owner = try Address(from: &reader)
        worker = try Address(from: &reader)
        controlAddresses = try MinerCBOR.readAddresses(&reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        owner.encode(to: &writer)
        worker.encode(to: &writer)
        MinerCBOR.writeAddresses(controlAddresses, &writer)
    }
}

/// The payload the miner enrolls with power's cron and receives back in OnDeferredCronEvent:
/// `[EventType]`.
public struct MinerCronEventPayload: CBORCodable, Sendable, Hashable {
    public static let workerKeyChange: Int64 = 0
    public static let provingDeadline: Int64 = 1
    public static let processEarlyTerminations: Int64 = 2

    public var eventType: Int64

    public init(eventType: Int64) { self.eventType = eventType }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        eventType = try reader.readInt()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeInt(eventType)
    }
}
