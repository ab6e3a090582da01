import VenusAPI
import FilecoinCrypto
import FilecoinTypes

/// A decrypted private key and the address it controls.
///
/// The secret bytes live in the FilecoinCrypto key types, which zero them when the last copy is
/// released; `WalletKey` never keeps another copy.
public struct WalletKey: Sendable {
    private enum Secret: Sendable {
        case bls(BLSPrivateKey)
        case secp256k1(Secp256k1PrivateKey)
        case delegated(Secp256k1PrivateKey)
    }

    private let secret: Secret
    /// The address that signatures of this key verify against.
    public let address: Address

    /// The Ethereum Address Manager actor's ID: the namespace of f410 addresses.
    public static let eamNamespace: UInt64 = 10

    /// A key from its KeyInfo.
    /// - Throws: `WalletError.invalidPrivateKey` when the bytes are not a valid key of the type.
    public init(keyInfo: KeyInfo) throws {
        do {
            switch keyInfo.type {
            case .bls:
                try self.init(secret: .bls(BLSPrivateKey(bytes: keyInfo.privateKey)))
            case .secp256k1:
                try self.init(secret: .secp256k1(Secp256k1PrivateKey(bytes: keyInfo.privateKey)))
            case .delegated:
                try self.init(secret: .delegated(Secp256k1PrivateKey(bytes: keyInfo.privateKey)))
            }
        } catch {
            throw WalletError.invalidPrivateKey(keyInfo.type)
        }
    }

    /// A fresh key of `type` from the system CSPRNG.
    public static func generate(_ type: KeyType) throws -> WalletKey {
        switch type {
        case .bls: try WalletKey(secret: .bls(.generate()))
        case .secp256k1: try WalletKey(secret: .secp256k1(.generate()))
        case .delegated: try WalletKey(secret: .delegated(.generate()))
        }
    }

    private init(secret: Secret) throws {
        self.secret = secret
        switch secret {
        case .bls(let key):
            address = try Address.bls(publicKey: key.publicKey.bytes)
        case .secp256k1(let key):
            address = Address.secp256k1(publicKey: key.publicKey)
        case .delegated(let key):
            address = try WalletKey.delegatedAddress(of: key.publicKey)
        }
    }

    /// The f410 address of a secp256k1 public key: the last 20 bytes of keccak-256 of the
    /// 64-byte uncompressed key without its 0x04 prefix (the Ethereum address), in the EAM
    /// namespace.
    public static func delegatedAddress(of publicKey: Secp256k1PublicKey) throws -> Address {
        let hash = Keccak256.hash(publicKey.uncompressed.dropFirst())
        return try Address.delegated(namespace: eamNamespace, subaddress: hash.suffix(20))
    }

    public var type: KeyType {
        switch secret {
        case .bls: .bls
        case .secp256k1: .secp256k1
        case .delegated: .delegated
        }
    }

    /// The public key bytes: 48-byte compressed G1 for BLS, 65-byte uncompressed otherwise.
    public var publicKey: [UInt8] {
        switch secret {
        case .bls(let key): key.publicKey.bytes
        case .secp256k1(let key), .delegated(let key): key.publicKey.uncompressed
        }
    }

    /// A copy of the private key as KeyInfo; the caller owns (and should wipe) the copy.
    public var keyInfo: KeyInfo {
        switch secret {
        case .bls(let key): KeyInfo(type: .bls, privateKey: key.bytes)
        case .secp256k1(let key): KeyInfo(type: .secp256k1, privateKey: key.bytes)
        case .delegated(let key): KeyInfo(type: .delegated, privateKey: key.bytes)
        }
    }

    /// Signs `data` as Filecoin does for the key type: BLS over the bytes, secp256k1 over
    /// blake2b-256, delegated over keccak-256 (`lib/sigs/delegated`).
    public func sign(_ data: some Collection<UInt8>) throws -> Signature {
        switch secret {
        case .bls(let key):
            return .bls(signing: data, with: key)
        case .secp256k1(let key):
            return try .secp256k1(signing: data, with: key)
        case .delegated(let key):
            return Signature(kind: .delegated, data: try key.signDigest(Keccak256.hash(data)))
        }
    }
}
