import DagCBOR

/// Lotus JSON: `{"BlsMessages": {"/": ...}, "SecpkMessages": {"/": ...}}`.
extension MsgMeta: Codable {
    private enum CodingKeys: String, CodingKey { case blsMessages = "BlsMessages", secpkMessages = "SecpkMessages" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            blsMessages: try container.decode(CID.self, forKey: .blsMessages),
            secpkMessages: try container.decode(CID.self, forKey: .secpkMessages))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(blsMessages, forKey: .blsMessages)
        try container.encode(secpkMessages, forKey: .secpkMessages)
    }
}
