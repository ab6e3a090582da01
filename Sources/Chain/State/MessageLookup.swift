import DagCBOR
import FilecoinTypes

/// Where a message was executed (Lotus `api.MsgLookup` without its decoded return): the tipset
/// whose headers carry the receipt (the child of the tipset that included the message), the
/// receipt, and the CID of the message found, which differs from the one searched for when a
/// replacement (same sender, nonce and call, other gas) was executed instead.
public struct MessageLookup: Hashable, Sendable {
    public var message: CID
    public var receipt: MessageReceipt
    public var tipset: TipSet

    public init(message: CID, receipt: MessageReceipt, tipset: TipSet) {
        self.message = message
        self.receipt = receipt
        self.tipset = tipset
    }

    public var height: Int64 { tipset.height }
}
