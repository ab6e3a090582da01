import DagCBOR

/// Errors raised while decoding Filecoin chain types, each naming what was wrong and where.
public enum FilecoinTypesError: Error, CustomStringConvertible, Sendable {
    /// A big-integer field's bytes were malformed; `offset` is where the CBOR item starts.
    case invalidBigInt(FilecoinBigIntError, offset: Int)
    /// A signature's bytes were empty or named an unknown type.
    case invalidSignature(String)
    /// A tuple-encoded struct had the wrong number of fields.
    case wrongFieldCount(type: String, expected: Int, found: Int)
    /// A tipset's blocks do not form a tipset.
    case invalidTipSet(String)
    /// A token amount string did not parse.
    case invalidTokenAmount(String)
    /// A JSON value had the wrong shape.
    case invalidJSON(String)

    public var description: String {
        switch self {
        case .invalidBigInt(let error, let offset): "invalid big int at byte \(offset): \(error)"
        case .invalidSignature(let why): "invalid signature: \(why)"
        case .wrongFieldCount(let type, let expected, let found):
            "\(type): expected \(expected) fields, found \(found)"
        case .invalidTipSet(let why): "invalid tipset: \(why)"
        case .invalidTokenAmount(let why): "invalid token amount: \(why)"
        case .invalidJSON(let why): "invalid JSON: \(why)"
        }
    }
}
