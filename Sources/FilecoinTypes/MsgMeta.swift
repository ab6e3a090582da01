import DagCBOR
import FilecoinCrypto

/// The block's `Messages` link points here: the roots of the AMTs of the block's BLS message CIDs
/// and of its secp256k1 signed-message CIDs (Lotus `types.MsgMeta`).
public struct MsgMeta: Hashable, Sendable {
    public var blsMessages: CID
    public var secpkMessages: CID

    public init(blsMessages: CID, secpkMessages: CID) {
        self.blsMessages = blsMessages
        self.secpkMessages = secpkMessages
    }

    public var cid: CID { CID.filecoin(cbor: cborBytes) }
}
