import DagCBOR
import FilecoinTypes

/// A block as gossiped on `/fil/blocks` (Lotus `types.BlockMsg`): the header and its messages' CIDs.
public struct BlockMsg: Hashable, Sendable {
    public var header: BlockHeader
    public var blsMessages: [CID]
    public var secpkMessages: [CID]

    public init(header: BlockHeader, blsMessages: [CID], secpkMessages: [CID]) {
        self.header = header
        self.blsMessages = blsMessages
        self.secpkMessages = secpkMessages
    }

    public var cid: CID { header.cid }
}
