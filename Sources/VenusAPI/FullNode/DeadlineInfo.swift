extension FullNodeAPI {
    /// A deadline's timing as `StateMinerProvingDeadline` reports it (go-state-types `dline.Info`):
    /// epochs of the current proving period and of deadline `index` within it, plus the policy
    /// constants they were computed with, so a client needs no table of its own.
    public struct DeadlineInfo: Codable, Sendable, Hashable {
        /// The epoch the answer was computed for.
        public var currentEpoch: Int64
        public var periodStart: Int64
        public var index: UInt64
        /// First epoch a proof for this deadline may be submitted.
        public var open: Int64
        /// First epoch after the deadline's window.
        public var close: Int64
        /// The epoch whose randomness the proof is challenged with.
        public var challenge: Int64
        /// Last epoch at which faults for this deadline may be declared, plus one.
        public var faultCutoff: Int64
        public var wPoStPeriodDeadlines: UInt64
        public var wPoStProvingPeriod: Int64
        public var wPoStChallengeWindow: Int64
        public var wPoStChallengeLookback: Int64
        public var faultDeclarationCutoff: Int64

        public init(
            currentEpoch: Int64, periodStart: Int64, index: UInt64, open: Int64, close: Int64, challenge: Int64,
            faultCutoff: Int64, wPoStPeriodDeadlines: UInt64, wPoStProvingPeriod: Int64, wPoStChallengeWindow: Int64,
            wPoStChallengeLookback: Int64, faultDeclarationCutoff: Int64
        ) {
            self.currentEpoch = currentEpoch
            self.periodStart = periodStart
            self.index = index
            self.open = open
            self.close = close
            self.challenge = challenge
            self.faultCutoff = faultCutoff
            self.wPoStPeriodDeadlines = wPoStPeriodDeadlines
            self.wPoStProvingPeriod = wPoStProvingPeriod
            self.wPoStChallengeWindow = wPoStChallengeWindow
            self.wPoStChallengeLookback = wPoStChallengeLookback
            self.faultDeclarationCutoff = faultDeclarationCutoff
        }

        enum CodingKeys: String, CodingKey {
            case currentEpoch = "CurrentEpoch", periodStart = "PeriodStart", index = "Index", open = "Open"
            case close = "Close", challenge = "Challenge", faultCutoff = "FaultCutoff"
            case wPoStPeriodDeadlines = "WPoStPeriodDeadlines", wPoStProvingPeriod = "WPoStProvingPeriod"
            case wPoStChallengeWindow = "WPoStChallengeWindow", wPoStChallengeLookback = "WPoStChallengeLookback"
            case faultDeclarationCutoff = "FaultDeclarationCutoff"
        }
    }
}
