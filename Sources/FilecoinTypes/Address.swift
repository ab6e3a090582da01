import FilecoinCrypto
import Synchronization

/// A Filecoin address: a protocol and a payload, with the byte form protocol byte || payload.
///
/// Invariant: every `Address` value is valid by go-address's rules, which every initializer
/// checks:
/// - ID (0): the payload is a minimal uvarint of at most 9 bytes whose value is at most 2^63 - 1;
/// - secp256k1 (1) and actor (2): a 20-byte payload;
/// - BLS (3): a 48-byte payload;
/// - delegated (4): a minimal uvarint namespace (at most 2^63 - 1) then at most 54 bytes.
///
/// The value holds no network: `f` or `t` is chosen when formatting (see `string(network:)` and
/// `defaultNetwork`). The CBOR form is a byte string of `bytes`; the Lotus JSON form is the string.
public struct Address: Hashable, Sendable {
    /// The protocol (the first byte of `bytes`).
    public let `protocol`: AddressProtocol
    /// protocol byte || payload.
    public let bytes: [UInt8]

    /// 20: the BLAKE2b-160 payload of secp256k1 and actor addresses.
    public static let payloadHashLength = 20
    /// 4: the BLAKE2b-32 checksum in address strings.
    public static let checksumLength = 4
    /// 48: a BLS public key.
    public static let blsPublicKeyLength = 48
    /// 54: the longest delegated subaddress.
    public static let maxSubaddressLength = 54
    /// 19: the longest decimal ID or namespace in a string (2^63 - 1 has 19 digits).
    public static let maxIDStringLength = 19
    /// 115: the longest address string (go-address `MaxAddressStringLength`).
    public static let maxStringLength = 2 + maxIDStringLength + 1 + 93
    /// The largest ID or namespace: go-address keeps them within int64.
    public static let maxID = UInt64(Int64.max)

    /// The payload (the bytes after the protocol byte).
    public var payload: [UInt8] { Array(bytes.dropFirst()) }

    /// The actor ID of an ID address; nil for other protocols.
    public var idValue: UInt64? {
        guard `protocol` == .id else { return nil }
        return try? AddressUvarint.decode(bytes.dropFirst()).value
    }

    /// The namespace actor ID of a delegated address; nil for other protocols.
    public var delegatedNamespace: UInt64? {
        guard `protocol` == .delegated else { return nil }
        return try? AddressUvarint.decode(bytes.dropFirst()).value
    }

    /// The subaddress of a delegated address (e.g. a 20-byte Ethereum address in namespace 10);
    /// nil for other protocols.
    public var delegatedSubaddress: [UInt8]? {
        guard `protocol` == .delegated, let (_, length) = try? AddressUvarint.decode(bytes.dropFirst()) else {
            return nil
        }
        return Array(bytes.dropFirst(1 + length))
    }

    /// BLAKE2b-32 of `bytes`: the checksum the string form carries.
    public var checksum: [UInt8] { Blake2b.checksum4(bytes) }

    // MARK: Constructors

    /// The ID address `f0<id>`.
    /// - Throws: `AddressError.invalidPayload` when `id` exceeds 2^63 - 1 (go-address's limit).
    public static func id(_ id: UInt64) throws(AddressError) -> Address {
        guard id <= maxID else { throw .invalidPayload }
        return Address(validated: .id, payload: AddressUvarint.encode(id))
    }

    /// The f1 address of a secp256k1 key: BLAKE2b-160 of its 65-byte uncompressed form.
    public static func secp256k1(publicKey: Secp256k1PublicKey) -> Address {
        Address(validated: .secp256k1, payload: Blake2b.hash160(publicKey.uncompressed))
    }

    /// The f2 address of actor-creation data: BLAKE2b-160 of `data`.
    public static func actor(_ data: some Collection<UInt8>) -> Address {
        Address(validated: .actor, payload: Blake2b.hash160(data))
    }

    /// The f3 address of a 48-byte compressed BLS public key (used as is, like go-address; the
    /// point is not checked to be on the curve).
    /// - Throws: `AddressError.invalidLength` unless the key is 48 bytes.
    public static func bls(publicKey: some Collection<UInt8>) throws(AddressError) -> Address {
        let key = Array(publicKey)
        guard key.count == blsPublicKeyLength else { throw .invalidLength }
        return Address(validated: .bls, payload: key)
    }

    /// The f4 address `f4<namespace>f<subaddress>`.
    /// - Throws: `AddressError.invalidPayload` when the namespace exceeds 2^63 - 1,
    ///   `AddressError.invalidLength` when the subaddress is over 54 bytes.
    public static func delegated(namespace: UInt64, subaddress: some Collection<UInt8>) throws(AddressError)
        -> Address
    {
        guard namespace <= maxID else { throw .invalidPayload }
        let sub = Array(subaddress)
        guard sub.count <= maxSubaddressLength else { throw .invalidLength }
        return Address(validated: .delegated, payload: AddressUvarint.encode(namespace) + sub)
    }

    /// Parses the byte form protocol byte || payload (go-address `NewFromBytes`).
    ///
    /// Unlike go-address, empty bytes are an error (`invalidLength`) rather than the undefined
    /// address: Swift code uses `Address?` for "no address".
    /// - Throws: `unknownProtocol`, or `invalidLength` / `invalidPayload` as go-address does.
    public init(bytes: some Collection<UInt8>) throws(AddressError) {
        let input = Array(bytes)
        guard input.count >= 2 else { throw .invalidLength }
        guard let kind = AddressProtocol(rawValue: input[0]) else { throw .unknownProtocol }
        try self.init(protocol: kind, payload: input[1...])
    }

    /// Validates a payload for its protocol (go-address `newAddress`).
    init(protocol kind: AddressProtocol, payload: ArraySlice<UInt8>) throws(AddressError) {
        switch kind {
        case .id:
            guard let (value, length) = try? AddressUvarint.decode(payload) else { throw .invalidPayload }
            guard length == payload.count else { throw .invalidLength }
            guard value <= Self.maxID else { throw .invalidPayload }
        case .secp256k1, .actor:
            guard payload.count == Self.payloadHashLength else { throw .invalidLength }
        case .bls:
            guard payload.count == Self.blsPublicKeyLength else { throw .invalidLength }
        case .delegated:
            guard let (namespace, length) = try? AddressUvarint.decode(payload) else { throw .invalidPayload }
            guard namespace <= Self.maxID else { throw .invalidPayload }
            guard payload.count - length <= Self.maxSubaddressLength else { throw .invalidLength }
        }
        self.init(validated: kind, payload: payload)
    }

    /// Builds from a payload already known to satisfy the invariant.
    private init(validated kind: AddressProtocol, payload: some Collection<UInt8>) {
        `protocol` = kind
        var bytes = [kind.rawValue]
        bytes.reserveCapacity(1 + payload.count)
        bytes.append(contentsOf: payload)
        self.bytes = bytes
    }
}

// MARK: - Default network

extension Address {
    private static let defaultNetworkStorage = Atomic<UInt8>(Network.mainnet.rawValue)

    /// The network `description`, `String(describing:)` and the Lotus JSON form print with.
    ///
    /// Lotus keeps this in the global `address.CurrentNetwork`, set once at start-up from the
    /// build (mainnet `f`, everything else `t`); this is the same process-wide setting, stored
    /// atomically so reading and setting it from any thread is race-free. It starts as
    /// `.mainnet`; a node on calibnet or a devnet sets `.testnet` before printing addresses.
    /// Code that must not depend on it calls `string(network:)`. Parsing accepts both prefixes
    /// whatever this says.
    public static var defaultNetwork: Network {
        get { Network(rawValue: defaultNetworkStorage.load(ordering: .relaxed)) ?? .mainnet }
        set { defaultNetworkStorage.store(newValue.rawValue, ordering: .relaxed) }
    }
}
