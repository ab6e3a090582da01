import GoCompat
/// Lotus JSON: `{"WinCount": 1, "VRFProof": "<base64>"}`.
extension ElectionProof: Codable {
    private enum CodingKeys: String, CodingKey { case winCount = "WinCount", vrfProof = "VRFProof" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        winCount = try container.decode(Int64.self, forKey: .winCount)
        vrfProof = try container.decode(GoBytes.self, forKey: .vrfProof).orEmpty
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(winCount, forKey: .winCount)
        try container.encode(GoBytes(vrfProof), forKey: .vrfProof)
    }
}
