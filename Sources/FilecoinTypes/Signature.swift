/// A signature as Filecoin carries it: a type and the signature bytes.
///
/// secp256k1 signatures are 65 bytes (r || s || recovery id) over blake2b-256 of the signed
/// bytes; BLS signatures are 96-byte compressed G2 points; delegated signatures are secp256k1
/// signatures over keccak-256 (FEVM). Lengths are checked when a signature is verified, not when
/// it is decoded, as in Lotus.
public struct Signature: Hashable, Sendable {
    /// The signature type byte (`crypto.SigType`).
    public enum Kind: UInt8, Hashable, Sendable, CaseIterable {
        case secp256k1 = 1
        case bls = 2
        case delegated = 3
    }

    public var kind: Kind
    public var data: [UInt8]

    public init(kind: Kind, data: [UInt8]) {
        self.kind = kind
        self.data = data
    }
}
