import DagCBOR

/// Why a HAMT operation failed.
public enum HAMTError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidParameters(String)
    /// A node (CID given, nil for an unsaved root) is not a well-formed, canonical HAMT node.
    case malformedNode(CID?, String)
    /// Keys whose hashes agree on every bit cannot be separated (only possible with forced collisions).
    case maxDepth
    /// A value is not exactly one DAG-CBOR item.
    case invalidValue(CBORError)
    case store(BlockstoreError)

    public var description: String {
        switch self {
        case .invalidParameters(let why): "HAMT parameters: \(why)"
        case .malformedNode(let cid, let why): "HAMT node \(cid.map { "\($0)" } ?? "(root)") is malformed: \(why)"
        case .maxDepth: "HAMT: key hash exhausted (too many colliding keys)"
        case .invalidValue(let error): "HAMT value is not one DAG-CBOR item: \(error)"
        case .store(let error): "HAMT: \(error)"
        }
    }
}
