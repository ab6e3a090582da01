/// Why a varint, multihash, multibase string or CID was rejected.
///
/// Offsets are byte offsets into the binary input (or character offsets into a string for the
/// multibase cases), counted from the start of the value being parsed.
public enum MultiformatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input ended inside a varint that starts at `offset`.
    case varintTruncated(offset: Int)
    /// The varint at `offset` has a redundant trailing zero group (not its shortest form).
    case varintNotMinimal(offset: Int)
    /// The varint at `offset` is longer than 9 bytes (values are limited to 63 bits).
    case varintTooLong(offset: Int)
    /// A code or length exceeds the 63-bit varint range.
    case valueTooLarge(UInt64)
    /// The input was empty.
    case empty
    /// The CID version is neither 0 (implicit) nor 1.
    case unsupportedVersion(UInt64)
    /// A CIDv0 must be dag-pb with a 32-byte sha2-256 multihash.
    case invalidV0
    /// The multihash declares `declared` digest bytes but only `available` remain.
    case digestTruncated(declared: UInt64, available: Int)
    /// A known hash function was given a digest of the wrong length.
    case digestLengthMismatch(code: UInt64, expected: Int, found: Int)
    /// Bytes remain after a complete CID or multihash.
    case trailingBytes(offset: Int, count: Int)
    /// The string's multibase prefix is not one this module parses (b, B, z, or a bare CIDv0).
    case unsupportedMultibase(Character)
    /// A character outside the base's alphabet, at character offset `offset`.
    case invalidCharacter(Character, offset: Int)
    /// The base32 text has an impossible length or non-zero padding bits (not canonical).
    case nonCanonicalBase32
    /// The CIDv0 text is not 46 base58btc characters starting with "Qm".
    case invalidV0String
    /// The text is longer than ``CID/maxStringLength`` (base58 decoding is quadratic, so
    /// unbounded input would be a denial of service).
    case stringTooLong(Int)

    public var description: String {
        switch self {
        case .varintTruncated(let offset): "varint truncated at byte \(offset)"
        case .varintNotMinimal(let offset): "varint at byte \(offset) is not minimally encoded"
        case .varintTooLong(let offset): "varint at byte \(offset) is longer than 9 bytes"
        case .valueTooLarge(let value): "value \(value) exceeds the 63-bit varint range"
        case .empty: "empty input"
        case .unsupportedVersion(let version): "unsupported CID version \(version)"
        case .invalidV0: "CIDv0 must be dag-pb with a 32-byte sha2-256 multihash"
        case .digestTruncated(let declared, let available):
            "multihash declares \(declared) digest bytes but only \(available) remain"
        case .digestLengthMismatch(let code, let expected, let found):
            "multihash 0x\(String(code, radix: 16)) needs a \(expected)-byte digest, got \(found)"
        case .trailingBytes(let offset, let count): "\(count) trailing bytes at byte \(offset)"
        case .unsupportedMultibase(let prefix): "unsupported multibase prefix \"\(prefix)\""
        case .invalidCharacter(let character, let offset):
            "invalid character \"\(character)\" at offset \(offset)"
        case .nonCanonicalBase32: "base32 text has an invalid length or non-zero padding bits"
        case .invalidV0String: "CIDv0 text must be 46 base58btc characters starting with Qm"
        case .stringTooLong(let length): "CID text of \(length) bytes exceeds the \(CID.maxStringLength)-byte limit"
        }
    }
}
