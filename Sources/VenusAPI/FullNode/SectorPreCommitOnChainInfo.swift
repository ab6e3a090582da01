import FilecoinTypes

extension FullNodeAPI {
    /// A pre-committed sector as the miner actor stores it (go-state-types
    /// `miner.SectorPreCommitOnChainInfo`), the answer of `StateSectorPreCommitInfo`.
    public struct SectorPreCommitOnChainInfo: Codable, Sendable, Hashable {
        public var info: SectorPreCommitInfo
        public var preCommitDeposit: TokenAmount
        public var preCommitEpoch: Int64

        public init(info: SectorPreCommitInfo, preCommitDeposit: TokenAmount, preCommitEpoch: Int64) {
            self.info = info
            self.preCommitDeposit = preCommitDeposit
            self.preCommitEpoch = preCommitEpoch
        }

        enum CodingKeys: String, CodingKey {
            case info = "Info", preCommitDeposit = "PreCommitDeposit", preCommitEpoch = "PreCommitEpoch"
        }
    }
}
