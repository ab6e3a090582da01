import GoCompat
/// Lotus JSON: `{"PoStProof": 0, "ProofBytes": "<base64>"}`.
extension PoStProof: Codable {
    private enum CodingKeys: String, CodingKey { case proofType = "PoStProof", proofBytes = "ProofBytes" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        proofType = try container.decode(Int64.self, forKey: .proofType)
        proofBytes = try container.decode(GoBytes.self, forKey: .proofBytes).orEmpty
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(proofType, forKey: .proofType)
        try container.encode(GoBytes(proofBytes), forKey: .proofBytes)
    }
}
