/// Which Filecoin network an address string is written for: only the first character differs.
///
/// Addresses themselves are network-free (their bytes and CBOR carry no network); the network
/// is chosen when formatting, and parsing accepts both prefixes, as go-address does.
public enum Network: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Mainnet: addresses print as `f…`.
    case mainnet = 0
    /// Every test network (calibnet, devnets): addresses print as `t…`.
    case testnet = 1

    /// The address prefix character, as an ASCII byte.
    public var prefixByte: UInt8 {
        switch self {
        case .mainnet: UInt8(ascii: "f")
        case .testnet: UInt8(ascii: "t")
        }
    }

    /// The address prefix: `f` or `t`.
    public var prefix: Character { Character(Unicode.Scalar(prefixByte)) }

    /// The network whose prefix is `byte`, if any.
    public init?(prefixByte byte: UInt8) {
        switch byte {
        case UInt8(ascii: "f"): self = .mainnet
        case UInt8(ascii: "t"): self = .testnet
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .mainnet: "mainnet"
        case .testnet: "testnet"
        }
    }
}
