/// Why bytes or a string are not an address. The cases mirror go-address's error values, so a
/// Lotus error kind maps to exactly one case.
public enum AddressError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The string does not start with `f` or `t` (go-address `ErrUnknownNetwork`).
    case unknownNetwork
    /// The protocol digit or byte is not 0...4 (`ErrUnknownProtocol`).
    case unknownProtocol
    /// The payload cannot be read: a bad or out-of-range ID or namespace, a malformed varint, a
    /// delegated string without its `f` separator (`ErrInvalidPayload`).
    case invalidPayload
    /// Some length is wrong: the string, the payload for its protocol, the subaddress
    /// (`ErrInvalidLength`).
    case invalidLength
    /// The checksum does not match (`ErrInvalidChecksum`).
    case invalidChecksum
    /// Base32 that decodes but is not the canonical encoding of its bytes: non-zero trailing
    /// bits, an impossible length, line breaks (`ErrInvalidEncoding`).
    case invalidEncoding
    /// A character outside the lowercase RFC 4648 base32 alphabet, at `offset` bytes into the
    /// base32 text (Go's `base32.CorruptInputError`).
    case invalidBase32(offset: Int)

    public var description: String {
        switch self {
        case .unknownNetwork: "unknown address network"
        case .unknownProtocol: "unknown address protocol"
        case .invalidPayload: "invalid address payload"
        case .invalidLength: "invalid address length"
        case .invalidChecksum: "invalid address checksum"
        case .invalidEncoding: "invalid address encoding (non-canonical base32)"
        case .invalidBase32(let offset): "illegal base32 data at input byte \(offset)"
        }
    }
}
