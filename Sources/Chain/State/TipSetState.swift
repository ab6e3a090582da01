import DagCBOR

/// What executing a tipset leaves: the state root and the receipts root its children's headers
/// carry as `ParentStateRoot` and `ParentMessageReceipts` (Lotus `TipSetState`).
public struct TipSetState: Hashable, Sendable {
    public var stateRoot: CID
    public var receiptsRoot: CID

    public init(stateRoot: CID, receiptsRoot: CID) {
        self.stateRoot = stateRoot
        self.receiptsRoot = receiptsRoot
    }
}
