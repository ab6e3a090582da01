import ChainState
import DagCBOR
import FilecoinTypes

/// Why a state manager operation failed. Message outcomes are receipts, never these.
public enum StateManagerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The chain store failed (a missing or malformed block).
    case chain(ChainStoreError)
    /// Block application refused the tipset or failed.
    case execution(TipSetKey, TipsetExecutionError)
    /// Executing a tipset's parent gave a state other than the one its headers name.
    case stateMismatch(TipSetKey, expected: CID, computed: CID)
    /// Executing a tipset's parent gave receipts other than the ones its headers name.
    case receiptsMismatch(TipSetKey, expected: CID, computed: CID)
    /// A tipset's parent state is not in the store and cannot be recomputed (it is the
    /// genesis's, or the chain below it is missing).
    case missingState(TipSetKey, CID)
    /// A state tree or actor state does not read.
    case state(CID, String)
    /// An actor the operation needs does not exist.
    case actorNotFound(Address)
    /// A message with the same sender and nonce as the one searched for, but another call
    /// (Lotus: "found message with equal nonce ... that is NOT a valid replacement").
    case conflictingMessage(wanted: CID, found: CID)
    /// A message with the same sender, nonce and call but another CID, and replacements are not
    /// allowed.
    case replacedMessage(wanted: CID, found: CID)
    /// The receipt a found message must have is not in its tipset's receipts.
    case missingReceipt(TipSetKey, index: Int)
    /// The call could not run (the VM failed for the node's reasons, not the message's).
    case callFailed(String)
    /// The head-change subscription ended (shutdown or cancellation) before the wait completed.
    case subscriptionEnded
    /// A call with gas on a tipset at or right after a state migration (Lotus `ErrExpensiveFork`).
    case expensiveFork(Int64)
    /// The address has no key address: an actor (f2) address, or an actor that is not an account.
    case noKeyAddress(Address)

    public var description: String {
        switch self {
        case .chain(let error): "\(error)"
        case .execution(let key, let error): "executing \(key): \(error)"
        case .stateMismatch(let key, let expected, let computed):
            "executing the parent of \(key) gave state \(computed), but its headers name \(expected)"
        case .receiptsMismatch(let key, let expected, let computed):
            "executing the parent of \(key) gave receipts \(computed), but its headers name \(expected)"
        case .missingState(let key, let root): "parent state \(root) of \(key) is not stored and cannot be recomputed"
        case .state(let root, let why): "state \(root): \(why)"
        case .actorNotFound(let address): "actor not found: \(address)"
        case .conflictingMessage(let wanted, let found):
            "found message \(found) with the nonce of \(wanted) that is not a valid replacement"
        case .replacedMessage(let wanted, let found): "message \(wanted) was replaced by \(found)"
        case .missingReceipt(let key, let index): "tipset \(key) has no receipt \(index)"
        case .callFailed(let why): "call failed: \(why)"
        case .subscriptionEnded: "the head-change subscription ended"
        case .expensiveFork(let height): "refusing explicit call due to state fork at epoch \(height)"
        case .noKeyAddress(let address): "\(address) has no key address (not an account actor)"
        }
    }
}
