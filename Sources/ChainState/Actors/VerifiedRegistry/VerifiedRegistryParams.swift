import BigInt
import DagCBOR
import FilecoinTypes

/// `[Address, Allowance|DealSize]`: the parameters of AddVerifier, AddVerifiedClient,
/// UseBytes and RestoreBytes (four identical cbor-gen structs in specs-actors).
public struct VerifiedRegistryParams: CBORCodable, Hashable, Sendable {
    public var address: Address
    /// The DataCap allowance, or the deal size for UseBytes/RestoreBytes.
    public var amount: BigInt

    public init(address: Address, amount: BigInt) {
        self.address = address
        self.amount = amount
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        address = try Address(from: &reader)
        amount = try reader.readBigInt()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        address.encode(to: &writer)
        writer.writeBigInt(amount)
    }
}
