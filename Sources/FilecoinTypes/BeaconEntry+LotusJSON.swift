import GoCompat
/// Lotus JSON: `{"Round": 1, "Data": "<base64>"}`.
extension BeaconEntry: Codable {
    private enum CodingKeys: String, CodingKey { case round = "Round", data = "Data" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        round = try container.decode(UInt64.self, forKey: .round)
        data = try container.decode(GoBytes.self, forKey: .data).orEmpty
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(round, forKey: .round)
        try container.encode(GoBytes(data), forKey: .data)
    }
}
