import DagCBOR
import FilecoinTypes

/// A deferred miner callback: `[MinerAddr, CallbackPayload]` (`power.CronEvent`).
public struct PowerCronEvent: CBORCodable, Hashable, Sendable {
    public var minerAddress: Address
    public var callbackPayload: [UInt8]

    public init(minerAddress: Address, callbackPayload: [UInt8]) {
        self.minerAddress = minerAddress
        self.callbackPayload = callbackPayload
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        minerAddress = try Address(from: &reader)
        callbackPayload = try reader.readBytes()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        minerAddress.encode(to: &writer)
        writer.writeBytes(callbackPayload)
    }
}
