/// A DAG-CBOR decoding failure: what went wrong (`kind`) and where (`offset`, the byte offset
/// from the start of the reader's input of the item head or byte at fault).
public struct CBORError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The input ended inside an item; `needed` more bytes were required.
        case unexpectedEnd(needed: Int)
        /// A byte/text length or array/map count larger than the remaining input could hold.
        case lengthExceedsInput(declared: UInt64, remaining: Int)
        /// An integer, length or tag argument not in its shortest form.
        case nonCanonicalInteger
        /// An indefinite-length string, array or map (additional information 31).
        case indefiniteLength(CBORMajorType)
        /// Additional information 28–30, or 31 where it has no meaning.
        case reservedAdditionalInfo(UInt8)
        /// A stray "break" (0xff).
        case unexpectedBreak
        /// A different item than the one asked for; names are like "text string", "null".
        case typeMismatch(expected: String, found: String)
        /// A tag other than 42.
        case unsupportedTag(UInt64)
        /// A tag-42 byte string that does not start with the 0x00 identity multibase prefix.
        case cidMissingIdentityPrefix
        /// A tag-42 payload that is not a valid binary CID.
        case invalidCID(MultiformatError)
        /// undefined (23) or any simple value other than false, true, null.
        case unsupportedSimpleValue(UInt8)
        /// A half- (16) or single-precision (32) float: DAG-CBOR floats are always 64-bit.
        case unsupportedFloatWidth(bits: Int)
        /// NaN or ±Infinity, which DAG-CBOR forbids.
        case nonFiniteFloat
        /// A text string that is not valid UTF-8.
        case invalidUTF8
        /// A map key that is not a text string.
        case mapKeyNotText(found: String)
        /// A map key that sorts before the previous key (length-first, then bytewise).
        case mapKeysOutOfOrder
        /// A map key equal to the previous key.
        case duplicateMapKey(String)
        /// Bytes after the end of the top-level item.
        case trailingBytes(count: Int)
        /// Arrays, maps and tags nested deeper than the reader's limit.
        case depthLimitExceeded(limit: Int)
        /// An integer that does not fit the requested Swift type.
        case integerOutOfRange(type: String)
        /// An array or map whose count differs from the fixed count a tuple type needs.
        case unexpectedCount(expected: Int, found: Int)
        /// A well-formed item whose value a `CBORDecodable` type rejects.
        case invalidValue(String)
    }

    public let kind: Kind
    public let offset: Int

    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        let what: String
        switch kind {
        case .unexpectedEnd(let needed): what = "input ends \(needed) byte(s) early"
        case .lengthExceedsInput(let declared, let remaining):
            what = "declared length \(declared) exceeds the \(remaining) remaining byte(s)"
        case .nonCanonicalInteger: what = "integer argument is not in its shortest form"
        case .indefiniteLength(let major): what = "indefinite-length \(major) is not allowed"
        case .reservedAdditionalInfo(let info): what = "reserved additional information \(info)"
        case .unexpectedBreak: what = "unexpected break (0xff)"
        case .typeMismatch(let expected, let found): what = "expected \(expected), found \(found)"
        case .unsupportedTag(let tag): what = "tag \(tag) is not allowed (only 42)"
        case .cidMissingIdentityPrefix: what = "tag 42 bytes must start with the 0x00 multibase prefix"
        case .invalidCID(let error): what = "invalid CID: \(error)"
        case .unsupportedSimpleValue(let value): what = "simple value \(value) is not allowed"
        case .unsupportedFloatWidth(let bits): what = "\(bits)-bit float is not allowed (only 64-bit)"
        case .nonFiniteFloat: what = "NaN and Infinity are not allowed"
        case .invalidUTF8: what = "text string is not valid UTF-8"
        case .mapKeyNotText(let found): what = "map key must be a text string, found \(found)"
        case .mapKeysOutOfOrder: what = "map keys are not in canonical (length-first, bytewise) order"
        case .duplicateMapKey(let key): what = "duplicate map key \"\(key)\""
        case .trailingBytes(let count): what = "\(count) trailing byte(s) after the item"
        case .depthLimitExceeded(let limit): what = "nesting deeper than \(limit)"
        case .integerOutOfRange(let type): what = "integer does not fit in \(type)"
        case .unexpectedCount(let expected, let found): what = "expected \(expected) elements, found \(found)"
        case .invalidValue(let why): what = why
        }
        return "DAG-CBOR: \(what) at byte \(offset)"
    }
}
