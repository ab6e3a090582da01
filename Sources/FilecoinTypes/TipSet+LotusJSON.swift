import DagCBOR

/// Lotus JSON: `{"Cids": [...], "Blocks": [...], "Height": n}`. Decoding rebuilds the tipset from
/// its blocks (Lotus's `NewTipSet`), so `Cids` and `Height` are derived, never taken on trust.
extension TipSet: Codable {
    private enum CodingKeys: String, CodingKey { case cids = "Cids", blocks = "Blocks", height = "Height" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let blocks = try container.decode([BlockHeader].self, forKey: .blocks)
        do {
            try self.init(blocks: blocks)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .blocks, in: container, debugDescription: error.description)
        }
        // Like Lotus, the key is recomputed from the blocks; a claimed `Cids` is not trusted.
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key.cids, forKey: .cids)
        try container.encode(blocks, forKey: .blocks)
        try container.encode(height, forKey: .height)
    }
}
