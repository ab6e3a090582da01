import DagCBOR
import FilecoinTypes

/// A lone address as parameters (the constructor's root key, RemoveVerifier's verifier).
public struct AddressParam: CBORCodable, Hashable, Sendable {
    public var address: Address

    public init(_ address: Address) { self.address = address }

    public init(from reader: inout CBORReader) throws { address = try Address(from: &reader) }

    public func encode(to writer: inout CBORWriter) { address.encode(to: &writer) }
}
