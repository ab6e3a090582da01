import DagCBOR
import FilecoinTypes

/// Why the messager refused a request or could not complete it. Each case's text is what the
/// caller reads in the JSON-RPC error.
public enum MessagerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The caller may not act for what it asked about.
    case permissionDenied(String)
    /// No message has this id (or CID, or sender and nonce).
    case messageNotFound(String)
    /// A message with this id exists already.
    case duplicateID(String)
    /// The address is not one the messager sends from.
    case addressNotFound(Address)
    /// The address is forbidden or being removed: nothing is sent from it.
    case addressNotActive(Address, state: String)
    /// The message or parameters are malformed.
    case invalidMessage(String)
    /// The message's state does not allow the operation (e.g. replacing a message on chain).
    case invalidState(id: String, state: String, operation: String)
    /// No node with this name.
    case nodeNotFound(String)
    /// The database failed.
    case storage(String)
    /// A wait ended before the message reached the confidence asked for.
    case waitEnded(String)

    public var description: String {
        switch self {
        case .permissionDenied(let why): "permission denied: \(why)"
        case .messageNotFound(let key): "message not found: \(key)"
        case .duplicateID(let id): "message id \(id) already exists"
        case .addressNotFound(let address): "address \(address) not found"
        case .addressNotActive(let address, let state): "address \(address) is \(state): no message is sent from it"
        case .invalidMessage(let why): "invalid message: \(why)"
        case .invalidState(let id, let state, let operation): "message \(id) is \(state): cannot \(operation)"
        case .nodeNotFound(let name): "node \(name) not found"
        case .storage(let why): "messager database: \(why)"
        case .waitEnded(let why): "wait ended: \(why)"
        }
    }
}
