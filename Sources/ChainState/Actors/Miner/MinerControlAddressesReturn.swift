import DagCBOR
import FilecoinTypes

/// The storage miner's `ControlAddresses` return (`GetControlAddressesReturn`, v0 and v2):
/// `[Owner, Worker, ControlAddrs]`, every address an ID address.
public struct MinerControlAddressesReturn: Hashable, Sendable, CBORCodable {
    public var owner: Address
    public var worker: Address
    public var controlAddresses: [Address]

    public init(owner: Address, worker: Address, controlAddresses: [Address]) {
        self.owner = owner
        self.worker = worker
        self.controlAddresses = controlAddresses
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        owner.encode(to: &writer)
        worker.encode(to: &writer)
        writer.writeArrayHeader(controlAddresses.count)
        for address in controlAddresses { address.encode(to: &writer) }
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        owner = try Address(from: &reader)
        worker = try Address(from: &reader)
        let count = try reader.readArrayHeader()
        controlAddresses = []
        for _ in 0..<count { controlAddresses.append(try Address(from: &reader)) }
    }
}
