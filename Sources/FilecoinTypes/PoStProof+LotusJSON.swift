/// Lotus JSON: `{"PoStProof": 0, "ProofBytes": "<base64>"}`.
extension PoStProof: Codable {
    private enum CodingKeys: String, CodingKey { case proofType = "PoStProof", proofBytes = "ProofBytes" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        proofType = try container.decode(Int64.self, forKey: .proofType)
        proofBytes = try container.decode(Base64Bytes.self, forKey: .proofBytes).bytes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(proofType, forKey: .proofType)
        try container.encode(Base64Bytes(proofBytes), forKey: .proofBytes)
    }
}
