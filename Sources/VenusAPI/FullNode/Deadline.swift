import FilecoinTypes

extension FullNodeAPI {
    /// One of a miner's proving deadlines as `StateMinerDeadlines` lists them (Lotus `api.Deadline`):
    /// the partitions proven in the current period (`PostSubmissions`, a bitfield as run lengths),
    /// the optimistic proofs still open to dispute, and the deadline's daily fee (FIP-0100; zero for
    /// earlier actors).
    public struct Deadline: Codable, Sendable, Hashable {
        public var postSubmissions: Bitfield
        public var disputableProofCount: UInt64
        public var dailyFee: TokenAmount

        public init(postSubmissions: Bitfield, disputableProofCount: UInt64, dailyFee: TokenAmount = .zero) {
            self.postSubmissions = postSubmissions
            self.disputableProofCount = disputableProofCount
            self.dailyFee = dailyFee
        }

        enum CodingKeys: String, CodingKey {
            case postSubmissions = "PostSubmissions", disputableProofCount = "DisputableProofCount", dailyFee = "DailyFee"
        }
    }
}
