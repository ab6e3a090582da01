/// The address protocol: the first byte of an address's bytes and the digit after its prefix.
public enum AddressProtocol: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Payload: the actor ID as an unsigned LEB128 varint (at most 2^63 - 1).
    case id = 0
    /// Payload: BLAKE2b-160 of a 65-byte uncompressed secp256k1 public key.
    case secp256k1 = 1
    /// Payload: BLAKE2b-160 of data chosen by the creating actor.
    case actor = 2
    /// Payload: a 48-byte compressed BLS12-381 G1 public key.
    case bls = 3
    /// Payload: the namespace actor ID (uvarint) followed by a subaddress of at most 54 bytes.
    case delegated = 4

    public var description: String {
        switch self {
        case .id: "ID"
        case .secp256k1: "SECP256K1"
        case .actor: "Actor"
        case .bls: "BLS"
        case .delegated: "Delegated"
        }
    }
}
