import DagCBOR
import FilecoinTypes

/// The verified registry's state: `[RootKey, Verifiers, VerifiedClients]` (v0 and v2), both
/// tables HAMT[address]DataCap (a serialised big integer).
public struct VerifiedRegistryState: CBORCodable, Hashable, Sendable {
    /// The root key holder (a multisig) that adds and removes verifiers; an ID address.
    public var rootKey: Address
    public var verifiers: CID
    public var verifiedClients: CID

    public init(rootKey: Address, verifiers: CID, verifiedClients: CID) {
        self.rootKey = rootKey
        self.verifiers = verifiers
        self.verifiedClients = verifiedClients
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 3)
        rootKey = try Address(from: &reader)
        verifiers = try reader.readCID()
        verifiedClients = try reader.readCID()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(3)
        rootKey.encode(to: &writer)
        writer.writeCID(verifiers)
        writer.writeCID(verifiedClients)
    }
}
