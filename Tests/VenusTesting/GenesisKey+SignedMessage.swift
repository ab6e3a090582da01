import Chain
import FilecoinTypes

extension GenesisKey {
    /// `message` signed by this key as a wallet signs it for `MpoolPush` (over the message CID's
    /// bytes, for BLS and secp256k1 alike).
    public func signedMessage(_ message: Message) throws -> SignedMessage {
        SignedMessage(message: message, signature: try sign(message.cid.bytes))
    }
}
