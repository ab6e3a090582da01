import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// A block's messages (`ChainGetBlockMessages`; Lotus `api.BlockMessages`).
    ///
    /// Invariant: `cids` lists the BLS messages' CIDs, then the secp256k1 messages' CIDs, in the
    /// order of the two arrays (`cids[i]` is `blsMessages[i].cid`, `cids[bls.count + j]` is
    /// `secpkMessages[j].cid`).
    public struct BlockMessages: Codable, Sendable, Hashable {
        public var blsMessages: [Message]
        public var secpkMessages: [SignedMessage]
        public var cids: [CID]

        public init(blsMessages: [Message], secpkMessages: [SignedMessage]) {
            self.blsMessages = blsMessages
            self.secpkMessages = secpkMessages
            self.cids = blsMessages.map(\.cid) + secpkMessages.map(\.cid)
        }

        enum CodingKeys: String, CodingKey { case blsMessages = "BlsMessages", secpkMessages = "SecpkMessages", cids = "Cids" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            blsMessages = try c.decodeGoSlice([Message].self, forKey: .blsMessages)
            secpkMessages = try c.decodeGoSlice([SignedMessage].self, forKey: .secpkMessages)
            // Kept as sent: a client shows what the node said, it does not re-derive it.
            cids = try c.decodeGoSlice([CID].self, forKey: .cids)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(blsMessages, forKey: .blsMessages)
            try c.encode(secpkMessages, forKey: .secpkMessages)
            try c.encode(cids, forKey: .cids)
        }
    }
}
