import BigInt
import DagCBOR

/// A lone big integer as method parameters (`*abi.StoragePower`, `*abi.TokenAmount`).
public struct BigIntParam: CBORCodable, Hashable, Sendable {
    public var value: BigInt

    public init(_ value: BigInt) { self.value = value }

    public init(from reader: inout CBORReader) throws { value = try reader.readBigInt() }

    public func encode(to writer: inout CBORWriter) { writer.writeBigInt(value) }
}
