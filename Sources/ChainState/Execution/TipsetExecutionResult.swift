import DagCBOR
import FilecoinTypes

/// The outcome of applying a tipset: the new state root, the receipts AMT root (explicit
/// messages only, in application order) and every message applied with its result.
public struct TipsetExecutionResult: Sendable {
    public var stateRoot: CID
    public var receiptsRoot: CID
    /// Explicit and implicit messages, in the order applied.
    public var applied: [AppliedMessage]

    public init(stateRoot: CID, receiptsRoot: CID, applied: [AppliedMessage]) {
        self.stateRoot = stateRoot
        self.receiptsRoot = receiptsRoot
        self.applied = applied
    }

    /// The explicit messages' receipts: the receipts AMT's contents.
    public var receipts: [MessageReceipt] {
        applied.filter { !$0.isImplicit }.map(\.result.receipt)
    }
}
