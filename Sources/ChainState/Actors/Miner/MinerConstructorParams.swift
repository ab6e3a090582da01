import DagCBOR
import FilecoinTypes
import Proofs

/// The miner constructor's parameters, which the power actor sends through init's Exec:
/// `[OwnerAddr, WorkerAddr, ControlAddrs, SealProofType, PeerId, Multiaddrs]` (v0 and v2).
public struct MinerConstructorParams: CBORCodable, Hashable, Sendable {
    public var owner: Address
    public var worker: Address
    public var controlAddresses: [Address]
    public var sealProofType: RegisteredSealProof
    public var peerID: [UInt8]
    public var multiaddrs: [[UInt8]]

    public init(
        owner: Address, worker: Address, controlAddresses: [Address], sealProofType: RegisteredSealProof, peerID: [UInt8],
        multiaddrs: [[UInt8]]
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
        let controls = try reader.readArrayHeader()
        controlAddresses = []
        for _ in 0..<controls { controlAddresses.append(try Address(from: &reader)) }
        sealProofType = try RegisteredSealProof(from: &reader)
        peerID = try reader.readBytes()
        let count = try reader.readArrayHeader()
        multiaddrs = []
        for _ in 0..<count { multiaddrs.append(try reader.readBytes()) }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(6)
        owner.encode(to: &writer)
        worker.encode(to: &writer)
        writer.writeArrayHeader(controlAddresses.count)
        for address in controlAddresses { address.encode(to: &writer) }
        sealProofType.encode(to: &writer)
        writer.writeBytes(peerID)
        writer.writeArrayHeader(multiaddrs.count)
        for address in multiaddrs { writer.writeBytes(address) }
    }
}
