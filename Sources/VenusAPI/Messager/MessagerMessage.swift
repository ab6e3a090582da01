import DagCBOR
import FilecoinTypes
import Foundation

/// A message as sophon-messager tracks it (venus-shared `messager.Message`): the Lotus message
/// plus its messager ID, CIDs, signature, where it landed, its sending options and its state.
public struct MessagerMessage: Hashable, Sendable {
    /// The messager's ID (a UUID string for messages it creates, any string a client chose
    /// with `PushMessageWithId`).
    public var id: String
    /// Set once filled (nonce and gas assigned).
    public var unsignedCid: CID?
    /// Set once signed: the CID of the signed message on chain (the unsigned CID for BLS).
    public var signedCid: CID?
    /// The Lotus message; its fields travel flat in this message's JSON.
    public var message: Message
    public var signature: Signature?
    /// The epoch of the tipset it was executed in (0 until on chain).
    public var height: Int64
    /// Epochs since `height` at the time of the answer.
    public var confidence: Int64
    public var receipt: MessageReceipt?
    /// The tipset it was executed in (empty until on chain).
    public var tipSetKey: TipSetKey
    public var meta: SendSpec?
    /// The sophon-auth account that pushed it, whose wallet signs it.
    public var walletName: String
    public var state: MessageState
    /// Why filling failed, when it did.
    public var errorMsg: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, unsignedCid: CID? = nil, signedCid: CID? = nil, message: Message, signature: Signature? = nil,
        height: Int64 = 0, confidence: Int64 = 0, receipt: MessageReceipt? = nil, tipSetKey: TipSetKey = .empty,
        meta: SendSpec? = nil, walletName: String = "", state: MessageState, errorMsg: String = "", createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.unsignedCid = unsignedCid
        self.signedCid = signedCid
        self.message = message
        self.signature = signature
        self.height = height
        self.confidence = confidence
        self.receipt = receipt
        self.tipSetKey = tipSetKey
        self.meta = meta
        self.walletName = walletName
        self.state = state
        self.errorMsg = errorMsg
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// A message as `PushMessage` accepts it: not yet filled, signed or on chain.
    public init(
        unsigned message: Message, id: String, meta: SendSpec? = nil, walletName: String = "",
        state: MessageState = .unFillMsg, createdAt: Date = Date()
    ) {
        self.init(
            id: id, message: message, meta: meta, walletName: walletName, state: state, createdAt: createdAt,
            updatedAt: createdAt)
    }

    /// The message as the chain carries it, once signed.
    public var signedMessage: SignedMessage? {
        signature.map { SignedMessage(message: message, signature: $0) }
    }
}
