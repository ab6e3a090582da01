/// One deadline's timing within a proving period (go-state-types `dline.Info`, built by the
/// miner's `NewDeadlineInfo` with the window PoSt policy).
///
/// For an index of 48 or more it describes the zero-length deadline right after the period.
public struct DeadlineInfo: Hashable, Sendable {
    /// The epoch at which this was computed.
    public var currentEpoch: Int64
    /// The first epoch of the proving period.
    public var periodStart: Int64
    public var index: UInt64
    /// The first epoch a proof may be submitted.
    public var open: Int64
    /// The first epoch a proof may no longer be submitted.
    public var close: Int64
    /// The epoch whose randomness challenges the proof.
    public var challenge: Int64
    /// The first epoch a fault declaration for this deadline is refused.
    public var faultCutoff: Int64

    public init(periodStart: Int64, index: UInt64, currentEpoch: Int64) {
        self.currentEpoch = currentEpoch
        self.periodStart = periodStart
        self.index = index
        typealias P = MinerDeadlinePolicy
        if index < P.wpostPeriodDeadlines {
            let open = periodStart + Int64(index) * P.wpostChallengeWindow
            self.open = open
            close = open + P.wpostChallengeWindow
            challenge = open - P.wpostChallengeLookback
            faultCutoff = open - P.faultDeclarationCutoff
        } else {
            let after = periodStart + P.wpostProvingPeriod
            open = after
            close = after
            challenge = after
            faultCutoff = 0
        }
    }

    public var periodStarted: Bool { currentEpoch >= periodStart }
    public var nextPeriodStart: Int64 { periodStart + MinerDeadlinePolicy.wpostProvingPeriod }
    public var periodElapsed: Bool { currentEpoch >= nextPeriodStart }
    public var isOpen: Bool { currentEpoch >= open && currentEpoch < close }
    public var hasElapsed: Bool { currentEpoch >= close }
    public var last: Int64 { close - 1 }
    public var nextOpen: Int64 { close }
    public var faultCutoffPassed: Bool { currentEpoch >= faultCutoff }

    /// The same deadline in the first period where it has not yet closed.
    public var nextNotElapsed: DeadlineInfo {
        guard hasElapsed else { return self }
        let period = MinerDeadlinePolicy.wpostProvingPeriod
        let gap = currentEpoch - close
        let delta = (gap / period + 1) * period
        return DeadlineInfo(periodStart: periodStart + delta, index: index, currentEpoch: currentEpoch)
    }

    /// `QuantSpecForDeadline`: expirations land on this deadline's last epoch of some period.
    public var quantSpec: QuantSpec { QuantSpec(unit: MinerDeadlinePolicy.wpostProvingPeriod, offset: last) }

    /// `deadlineIsMutable`: whether a deadline may be changed (it is not open nor about to open).
    public static func isMutable(provingPeriodStart: Int64, index: UInt64, currentEpoch: Int64) -> Bool {
        let info = DeadlineInfo(periodStart: provingPeriodStart, index: index, currentEpoch: currentEpoch).nextNotElapsed
        return currentEpoch < info.open - MinerDeadlinePolicy.wpostChallengeWindow
    }
}
