import FilecoinTypes

/// The kind of a wallet key, spelled on the wire as Lotus spells `types.KeyType`.
///
/// `delegated` keys are secp256k1 keys whose address is the f410 (EAM) address of their
/// Ethereum address and whose signatures are over keccak-256 (FIP-0055).
public enum KeyType: String, Codable, Hashable, Sendable, CaseIterable {
    case bls
    case secp256k1
    case delegated

    /// The signature type a key of this kind produces.
    public var signatureKind: Signature.Kind {
        switch self {
        case .bls: .bls
        case .secp256k1: .secp256k1
        case .delegated: .delegated
        }
    }
}
