import FilecoinTypes

/// What a prover sends with `ListenProofEvent`: `{"MinerAddress": "f01000"}`.
public struct ProofRegisterPolicy: Codable, Sendable, Hashable {
    public var minerAddress: Address

    public init(minerAddress: Address) { self.minerAddress = minerAddress }

    enum CodingKeys: String, CodingKey { case minerAddress = "MinerAddress" }
}
