import DagCBOR
import FilecoinTypes

/// A method cron calls every epoch: `[Receiver, MethodNum]` (`cron.Entry`).
public struct CronEntry: CBORCodable, Hashable, Sendable {
    /// The actor to call (an ID address).
    public var receiver: Address
    /// The method to call (it must accept empty parameters).
    public var method: UInt64

    public init(receiver: Address, method: UInt64) {
        self.receiver = receiver
        self.method = method
    }

    /// Power's OnEpochTickEnd then market's CronTick (`cron.BuiltInEntries`).
    public static let builtin = [
        CronEntry(receiver: BuiltinAddress.powerActor, method: PowerMethod.onEpochTickEnd.rawValue),
        CronEntry(receiver: BuiltinAddress.marketActor, method: MarketMethod.cronTick.rawValue),
    ]

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        receiver = try Address(from: &reader)
        method = try reader.readUnsigned()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        receiver.encode(to: &writer)
        writer.writeUnsigned(method)
    }
}
