import ChainState
import FilecoinTypes

/// Everything gas estimation reads from the node (Lotus gasutils' `ChainStoreAPI`,
/// `StateManagerAPI` and `MessagePoolAPI`), so the estimator can run against the node's chain
/// store, state manager and message pool (``ChainGasEstimationSource``) or against a test double.
/// Errors are passed through to the estimator's caller inside a ``GasEstimationError``.
public protocol GasEstimationSource: Sendable {
    /// The tipset of `key`, or the head for the empty key (Lotus `GetTipSetFromKey`).
    func tipSet(_ key: TipSetKey) async throws -> TipSet

    /// The messages `tipset`'s execution applies, in order (Lotus `MessagesForTipset`).
    func messages(of tipset: TipSet) async throws -> [Message]

    /// The key address behind `address` at `tipset` (Lotus `ResolveToKeyAddress`).
    func resolveToKey(_ address: Address, at tipset: TipSet) async throws -> Address

    /// The pending messages of the sender with key address `sender`, in nonce order, and the
    /// tipset the pool's state reflects (Lotus `PendingFor`).
    func pending(from sender: Address) async throws -> (messages: [SignedMessage], tipset: TipSet)

    /// The pool's `GasLimitOverestimation` (Lotus reads it from the live pool configuration).
    func gasLimitOverestimation() async -> Double

    /// `message` applied with gas on `tipset`'s computed state after `priorMessages` (Lotus
    /// `CallWithGas`; see ``StateManager/callWithGas(_:priorMessages:on:)``). Throws
    /// ``StateManagerError/expensiveFork(_:)`` for a tipset at a migration, so the estimator
    /// retries on its parent.
    func callWithGas(_ message: Message, priorMessages: [ChainMessage], on tipset: TipSet) async throws -> CallResult

    /// The actor at `address` in `tipset`'s parent state, or nil.
    func actor(_ address: Address, inParentStateOf tipset: TipSet) async throws -> ActorState?
}
