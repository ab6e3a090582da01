import DagCBOR

/// Why an AMT operation failed.
public enum AMTError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidParameters(String)
    /// A node or root (CID given, nil for one not stored) is not a well-formed, canonical AMT node.
    case malformedNode(CID?, String)
    case indexOutOfRange(UInt64)
    /// A value is not exactly one DAG-CBOR item.
    case invalidValue(CBORError)
    case store(BlockstoreError)

    public var description: String {
        switch self {
        case .invalidParameters(let why): "AMT parameters: \(why)"
        case .malformedNode(let cid, let why): "AMT node \(cid.map { "\($0)" } ?? "(root)") is malformed: \(why)"
        case .indexOutOfRange(let index): "AMT index \(index) is out of range"
        case .invalidValue(let error): "AMT value is not one DAG-CBOR item: \(error)"
        case .store(let error): "AMT: \(error)"
        }
    }
}
