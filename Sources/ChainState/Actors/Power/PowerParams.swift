import BigInt
import DagCBOR
import FilecoinTypes
import Proofs

/// `CreateMiner` parameters: `[Owner, Worker, SealProofType, Peer, Multiaddrs]` (v0 and v2).
public struct CreateMinerParams: CBORCodable, Hashable, Sendable {
    public var owner: Address
    public var worker: Address
    public var sealProofType: RegisteredSealProof
    public var peer: [UInt8]
    public var multiaddrs: [[UInt8]]

    public init(owner: Address, worker: Address, sealProofType: RegisteredSealProof, peer: [UInt8], multiaddrs: [[UInt8]]) {
        self.owner = owner
        self.worker = worker
        self.sealProofType = sealProofType
        self.peer = peer
        self.multiaddrs = multiaddrs
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 5)
        owner = try Address(from: &reader)
        worker = try Address(from: &reader)
        sealProofType = try RegisteredSealProof(from: &reader)
        peer = try reader.readBytes()
        let count = try reader.readArrayHeader()
        multiaddrs = []
        for _ in 0..<count { multiaddrs.append(try reader.readBytes()) }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(5)
        owner.encode(to: &writer)
        worker.encode(to: &writer)
        sealProofType.encode(to: &writer)
        writer.writeBytes(peer)
        writer.writeArrayHeader(multiaddrs.count)
        for address in multiaddrs { writer.writeBytes(address) }
    }
}

/// `CreateMiner` return, also init's `ExecReturn`: `[IDAddress, RobustAddress]`.
public struct CreateMinerReturn: CBORCodable, Hashable, Sendable {
    public var idAddress: Address
    public var robustAddress: Address

    public init(idAddress: Address, robustAddress: Address) {
        self.idAddress = idAddress
        self.robustAddress = robustAddress
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        idAddress = try Address(from: &reader)
        robustAddress = try Address(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        idAddress.encode(to: &writer)
        robustAddress.encode(to: &writer)
    }
}

/// `UpdateClaimedPower` parameters: `[RawByteDelta, QualityAdjustedDelta]` (may be negative).
public struct UpdateClaimedPowerParams: CBORCodable, Hashable, Sendable {
    public var rawByteDelta: BigInt
    public var qualityAdjustedDelta: BigInt

    public init(rawByteDelta: BigInt, qualityAdjustedDelta: BigInt) {
        self.rawByteDelta = rawByteDelta
        self.qualityAdjustedDelta = qualityAdjustedDelta
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        rawByteDelta = try reader.readBigInt()
        qualityAdjustedDelta = try reader.readBigInt()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeBigInt(rawByteDelta)
        writer.writeBigInt(qualityAdjustedDelta)
    }
}

/// `EnrollCronEvent` parameters: `[EventEpoch, Payload]`.
public struct EnrollCronEventParams: CBORCodable, Hashable, Sendable {
    public var eventEpoch: Int64
    public var payload: [UInt8]

    public init(eventEpoch: Int64, payload: [UInt8]) {
        self.eventEpoch = eventEpoch
        self.payload = payload
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        eventEpoch = try reader.readInt()
        payload = try reader.readBytes()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeInt(eventEpoch)
        writer.writeBytes(payload)
    }
}

/// `CurrentTotalPower` return: `[RawBytePower, QualityAdjPower, PledgeCollateral,
/// QualityAdjPowerSmoothed]` (v0's smoothed estimate is a pointer, never nil in practice).
public struct CurrentTotalPowerReturn: CBORCodable, Hashable, Sendable {
    public var rawBytePower: BigInt
    public var qualityAdjPower: BigInt
    public var pledgeCollateral: TokenAmount
    public var qualityAdjPowerSmoothed: FilterEstimate

    public init(rawBytePower: BigInt, qualityAdjPower: BigInt, pledgeCollateral: TokenAmount, qualityAdjPowerSmoothed: FilterEstimate) {
        self.rawBytePower = rawBytePower
        self.qualityAdjPower = qualityAdjPower
        self.pledgeCollateral = pledgeCollateral
        self.qualityAdjPowerSmoothed = qualityAdjPowerSmoothed
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 4)
        rawBytePower = try reader.readBigInt()
        qualityAdjPower = try reader.readBigInt()
        pledgeCollateral = try reader.readTokenAmount()
        qualityAdjPowerSmoothed = try FilterEstimate(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(4)
        writer.writeBigInt(rawBytePower)
        writer.writeBigInt(qualityAdjPower)
        writer.writeTokenAmount(pledgeCollateral)
        qualityAdjPowerSmoothed.encode(to: &writer)
    }
}
