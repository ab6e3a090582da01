import GoCompat
/// Lotus JSON: `{"VRFProof": "<base64>"}`.
extension Ticket: Codable {
    private enum CodingKeys: String, CodingKey { case vrfProof = "VRFProof" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vrfProof = try container.decode(GoBytes.self, forKey: .vrfProof).orEmpty
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(GoBytes(vrfProof), forKey: .vrfProof)
    }
}
