import BigInt
import DagCBOR
import FilecoinTypes

/// The verified registry's `UseBytes` and `RestoreBytes` parameters (v0 and v2):
/// `[Address, DealSize]`, the deal size a big integer.
public struct UseBytesParams: Hashable, Sendable, CBORCodable {
    public var address: Address
    public var dealSize: BigInt

    public init(address: Address, dealSize: BigInt) {
        self.address = address
        self.dealSize = dealSize
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        address.encode(to: &writer)
        FilecoinBigInt.encode(dealSize, to: &writer)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        address = try Address(from: &reader)
        dealSize = try FilecoinBigInt.decode(from: &reader)
    }
}
