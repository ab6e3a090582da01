import DagCBOR
import FilecoinTypes

/// A message as a block carries it (Lotus `types.ChainMsg`): bare (BLS senders, whose
/// signatures travel aggregated in the header) or with its signature (secp256k1 senders).
public enum ChainMessage: Hashable, Sendable {
    case unsigned(Message)
    case signed(SignedMessage)

    /// The message the VM applies.
    public var message: Message {
        switch self {
        case .unsigned(let message): message
        case .signed(let signed): signed.message
        }
    }

    /// The CID the chain knows it by: the signed form's for a secp256k1 message.
    public var cid: CID {
        switch self {
        case .unsigned(let message): message.cid
        case .signed(let signed): signed.cid
        }
    }

    /// The bytes the message takes on chain, which its inclusion gas is priced on.
    public var chainLength: Int {
        switch self {
        case .unsigned(let message): message.cborBytes.count
        case .signed(let signed): signed.cborBytes.count
        }
    }
}
