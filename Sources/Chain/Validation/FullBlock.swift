import DagCBOR
import FilecoinTypes

/// A block header with its messages (Lotus `types.FullBlock`): what block validation judges.
/// BLS messages travel unsigned (their signatures are the header's aggregate); secpk messages signed.
public struct FullBlock: Hashable, Sendable {
    public var header: BlockHeader
    public var blsMessages: [Message]
    public var secpkMessages: [SignedMessage]

    public init(header: BlockHeader, blsMessages: [Message], secpkMessages: [SignedMessage]) {
        self.header = header
        self.blsMessages = blsMessages
        self.secpkMessages = secpkMessages
    }

    public var cid: CID { header.cid }
}

extension FullBlock {
    /// The block as gossiped (and as `MinerCreateBlock` answers it): the header and its messages' CIDs.
    public var blockMsg: BlockMsg {
        BlockMsg(header: header, blsMessages: blsMessages.map(\.cid), secpkMessages: secpkMessages.map(\.cid))
    }
}
