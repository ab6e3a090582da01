import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// A block as gossiped and submitted (Lotus `types.BlockMsg`): the header and its messages'
    /// CIDs, BLS and secp256k1 apart (`MinerCreateBlock`'s answer, `SyncSubmitBlock`'s input).
    public struct BlockMsg: Codable, Sendable, Hashable {
        public var header: BlockHeader
        public var blsMessages: [CID]
        public var secpkMessages: [CID]

        public init(header: BlockHeader, blsMessages: [CID], secpkMessages: [CID]) {
            self.header = header
            self.blsMessages = blsMessages
            self.secpkMessages = secpkMessages
        }

        enum CodingKeys: String, CodingKey { case header = "Header", blsMessages = "BlsMessages", secpkMessages = "SecpkMessages" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            header = try c.decode(BlockHeader.self, forKey: .header)
            blsMessages = try c.decodeGoSlice([CID].self, forKey: .blsMessages)
            secpkMessages = try c.decodeGoSlice([CID].self, forKey: .secpkMessages)
        }
    }
}
