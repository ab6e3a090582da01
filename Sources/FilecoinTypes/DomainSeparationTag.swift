/// go-state-types' `crypto.DomainSeparationTag`: the personalization every randomness draw
/// carries, so that one beacon or ticket value never serves two purposes.
public enum DomainSeparationTag: Int64, Hashable, Sendable, CaseIterable {
    case ticketProduction = 1
    case electionProofProduction = 2
    case winningPoStChallengeSeed = 3
    case windowedPoStChallengeSeed = 4
    case sealRandomness = 5
    case interactiveSealChallengeSeed = 6
    case windowedPoStDeadlineAssignment = 7
    case marketDealCronSeed = 8
    case poStChainCommit = 9
}
