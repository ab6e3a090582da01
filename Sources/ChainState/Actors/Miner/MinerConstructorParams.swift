import DagCBOR
import FilecoinTypes
import Proofs

/// The miner constructor's parameters (specs-actors `power.MinerConstructorParams`, which power's
/// CreateMiner builds and sends through init's Exec): `[OwnerAddr, WorkerAddr, ControlAddrs,
/// SealProofType, PeerId, Multiaddrs]`, the same in v0 and v2.
public struct MinerConstructorParams: CBORCodable, Sendable, Hashable {
    public var owner: Address
    public var worker: Address
    public var controlAddresses: [Address]
    public var sealProofType: RegisteredSealProof
    public var peerID: [UInt8]
    public var multiaddrs: [[UInt8]]

    public init(
        owner: Address, worker: Address, controlAddresses: [Address] = [], sealProofType: RegisteredSealProof,
        peerID: [UInt8] = [], multiaddrs: [[UInt8]] = []
    ) {
        self.owner = owner
        self.worker = worker
        self.controlAddresses = controlAddresses
        self.sealProofType = sealProofType
        self.peerID = peerID
        self.multiaddrs = multiaddrs
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 6)
        owner = try Address(from: &reader)
        worker = try Address(from: &reader)
        controlAddresses = try MinerCBOR.readAddresses(&reader)
        sealProofType = try RegisteredSealProof(from: &reader)
        peerID = try reader.readBytes()
        multiaddrs = try MinerCBOR.readBytesArray(&reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(6)
        owner.encode(to: &writer)
        worker.encode(to: &writer)
        MinerCBOR.writeAddresses(controlAddresses, &writer)
        sealProofType.encode(to: &writer)
        writer.writeBytes(peerID)
        MinerCBOR.writeBytesArray(multiaddrs, &writer)
    }
}
