import DagCBOR

/// Lotus JSON: `{"Cids": [...], "Blocks": [...], "Height": n}`.
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
        if let claimed = try container.decodeIfPresent([CID].self, forKey: .cids), claimed != key.cids {
            throw DecodingError.dataCorruptedError(
                forKey: .cids, in: container, debugDescription: "Cids do not match the blocks")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key.cids, forKey: .cids)
        try container.encode(blocks, forKey: .blocks)
        try container.encode(height, forKey: .height)
    }
}
