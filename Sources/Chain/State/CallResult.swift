import DagCBOR
import FilecoinTypes

/// The outcome of applying a message without committing it (Lotus `api.InvocResult` without the
/// execution trace): the message as applied (nonce and defaults filled), its receipt, and the
/// actor error's text when it failed.
///
/// Lotus's legacy `StateCall` turns a failed call into an RPC error ("apply message failed: …")
/// because its `ApplyImplicitMessage` returns the actor error; the API layer decides that, from
/// `error`, here.
public struct CallResult: Hashable, Sendable {
    public var message: Message
    public var receipt: MessageReceipt
    public var error: String?

    public init(message: Message, receipt: MessageReceipt, error: String?) {
        self.message = message
        self.receipt = receipt
        self.error = error
    }

    public var messageCID: CID { message.cid }
}
