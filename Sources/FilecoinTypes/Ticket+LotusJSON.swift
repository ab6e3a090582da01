/// Lotus JSON: `{"VRFProof": "<base64>"}`.
extension Ticket: Codable {
    private enum CodingKeys: String, CodingKey { case vrfProof = "VRFProof" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vrfProof = try container.decode(Base64Bytes.self, forKey: .vrfProof).bytes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Base64Bytes(vrfProof), forKey: .vrfProof)
    }
}
