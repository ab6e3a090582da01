/// specs-storage `storage.SectorRef`: `{"ID": {"Miner": 1000, "Number": 1}, "ProofType": 8}`.
public struct SectorRef: Codable, Sendable, Hashable {
    public struct SectorID: Codable, Sendable, Hashable {
        public var miner: UInt64
        public var number: UInt64
        public init(miner: UInt64, number: UInt64) {
            self.miner = miner
            self.number = number
        }
        enum CodingKeys: String, CodingKey { case miner = "Miner", number = "Number" }
    }

    public var id: SectorID
    public var proofType: Int64

    public init(id: SectorID, proofType: Int64) {
        self.id = id
        self.proofType = proofType
    }

    enum CodingKeys: String, CodingKey { case id = "ID", proofType = "ProofType" }
}
