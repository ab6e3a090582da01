import DagCBOR
import FilecoinTypes

/// A worker key change waiting for its effective epoch: `[NewWorker, EffectiveAt]`.
public struct WorkerKeyChange: CBORCodable, Sendable, Hashable {
    public var newWorker: Address
    public var effectiveAt: Int64

    public init(newWorker: Address, effectiveAt: Int64) {
        self.newWorker = newWorker
        self.effectiveAt = effectiveAt
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        newWorker = try Address(from: &reader)
        effectiveAt = try reader.readInt()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        newWorker.encode(to: &writer)
        writer.writeInt(effectiveAt)
    }
}
