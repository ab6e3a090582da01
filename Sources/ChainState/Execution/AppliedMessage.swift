import DagCBOR
import FilecoinTypes

/// One message block application applied, explicit or implicit, in the order applied (what
/// Lotus's `ExecMonitor` callback sees).
public struct AppliedMessage: Sendable {
    public enum Kind: Hashable, Sendable {
        /// A message from a block; its receipt goes into the receipts AMT.
        case explicit(block: Int)
        /// The block reward of block `block` (implicit, outside the gas accounting).
        case reward(block: Int)
        /// The cron tick ending `epoch` (a null round's or the tipset's own).
        case cron(epoch: Int64)
    }

    public var kind: Kind
    /// The CID the chain knows the message by (the signed form's for secp256k1).
    public var cid: CID
    public var message: Message
    public var result: ApplyResult

    public init(kind: Kind, cid: CID, message: Message, result: ApplyResult) {
        self.kind = kind
        self.cid = cid
        self.message = message
        self.result = result
    }

    public var isImplicit: Bool {
        if case .explicit = kind { return false }
        return true
    }
}
