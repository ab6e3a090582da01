import Crypto
import DagCBOR

extension Multihash {
    /// The multihash of `data` under the hash function `code`.
    ///
    /// Supports the functions Filecoin content-addresses with: identity, sha2-256 and
    /// blake2b-256. Commitments (sha2-256-trunc254-padded, poseidon) are computed by the proof
    /// code, never by hashing bytes here, so they are refused.
    public static func hashing(_ data: some Collection<UInt8>, code: UInt64) throws(MultihashHashingError) -> Multihash {
        let digest: [UInt8]
        switch code {
        case Multihash.identity: digest = Array(data)
        case Multihash.sha2_256: digest = Array(SHA256.hash(data: Array(data)))
        case Multihash.blake2b_256: digest = Blake2b.hash256(data)
        default: throw .unsupportedHashFunction(code)
        }
        do {
            return try Multihash(code: code, digest: digest)
        } catch {
            throw .unsupportedHashFunction(code)
        }
    }

    /// Whether this multihash is the hash of `data`.
    public func matches(_ data: some Collection<UInt8>) -> Bool {
        guard let recomputed = try? Multihash.hashing(data, code: code) else { return false }
        return recomputed == self
    }
}

extension CID {
    /// The CIDv1 of `data` with `codec` and the hash function `hash`; Filecoin's chain objects use
    /// the defaults (dag-cbor, blake2b-256).
    public static func hashing(
        _ data: some Collection<UInt8>, codec: UInt64 = Multicodec.dagCBOR, hash: UInt64 = Multihash.blake2b_256
    ) throws(MultihashHashingError) -> CID {
        let multihash = try Multihash.hashing(data, code: hash)
        do {
            return try CID(version: .v1, codec: codec, multihash: multihash)
        } catch {
            throw .unsupportedHashFunction(hash)
        }
    }

    /// The CIDv1 (dag-cbor, blake2b-256) of CBOR bytes: how every Filecoin chain object is named.
    public static func filecoin(cbor data: some Collection<UInt8>) -> CID {
        do {
            return try CID(
                version: .v1, codec: Multicodec.dagCBOR,
                multihash: Multihash(code: Multihash.blake2b_256, digest: Blake2b.hash256(data)))
        } catch {
            // Unreachable whatever the input: a blake2b-256 digest is always 32 bytes and both
            // codes are small constants, which is all CID and Multihash validate.
            preconditionFailure("blake2b-256 dag-cbor CID refused: \(error)")
        }
    }
}

/// Why a multihash could not be computed.
public enum MultihashHashingError: Error, Hashable, Sendable, CustomStringConvertible {
    case unsupportedHashFunction(UInt64)

    public var description: String {
        switch self {
        case .unsupportedHashFunction(let code):
            "multihash function 0x\(String(code, radix: 16)) cannot be computed from bytes here"
        }
    }
}
