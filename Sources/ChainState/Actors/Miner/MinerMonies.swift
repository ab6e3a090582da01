import BigInt
import FilecoinTypes

/// The miner's pledge, deposit and penalty formulas (`monies.go`), per actors version and,
/// inside v0, per network version, as specs-actors computes them to the attoFIL.
///
/// BR(t) is the expected block reward of a sector's quality-adjusted power over t epochs;
/// FF (fault fee), SP (undeclared fault penalty) and the termination fee are built on it.
public enum MinerMonies {
    public static let preCommitDepositProjectionPeriod: Int64 = 20 * MinerPolicy.epochsInDay
    public static let initialPledgeProjectionPeriod: Int64 = 20 * MinerPolicy.epochsInDay
    public static let lockTargetFactorNum = BigInt(3)
    public static let lockTargetFactorDenom = BigInt(10)
    /// 1 FIL per 32 GiB.
    public static let initialPledgeMaxPerByte = BigInt(1_000_000_000_000_000_000 as UInt64) / BigInt(32 << 30)

    // v0 fault projections (days × 100 / 100, in epochs).
    public static let declaredFaultProjectionPeriodV0: Int64 = (MinerPolicy.epochsInDay * 214) / 100
    public static let declaredFaultProjectionPeriodV3: Int64 = (MinerPolicy.epochsInDay * 351) / 100
    public static let undeclaredFaultProjectionPeriodV0: Int64 = (MinerPolicy.epochsInDay * 50) / 10
    public static let undeclaredFaultProjectionPeriodV1: Int64 = (MinerPolicy.epochsInDay * 35) / 10
    public static let terminationLifetimeCapV0: Int64 = 70

    // v2.
    public static let continuedFaultProjectionPeriod: Int64 = (MinerPolicy.epochsInDay * 351) / 100
    public static let terminationPenaltyLowerBoundProjectionPeriod: Int64 = (MinerPolicy.epochsInDay * 35) / 10
    public static let terminationRewardFactorNum = BigInt(1)
    public static let terminationRewardFactorDenom = BigInt(2)
    public static let terminationLifetimeCapV2: Int64 = 140
    public static let consensusFaultFactor = BigInt(5)

    /// BR: `qaSectorPower`'s share of the projected reward over `projectionDuration` epochs.
    /// v2 clamps a negative result to zero; v0 does not.
    public static func expectedRewardForPower(
        rewardEstimate: FilterEstimate, networkQAPowerEstimate: FilterEstimate, qaSectorPower: BigInt,
        projectionDuration: Int64, actorsVersion: Int
    ) -> TokenAmount {
        if networkQAPowerEstimate.estimate.isZero { return TokenAmount(attoFIL: rewardEstimate.estimate) }
        let ratio = FilterEstimate.extrapolatedCumSumOfRatio(
            delta: projectionDuration, relativeStart: 0, num: rewardEstimate, denom: networkQAPowerEstimate)
        let br = GoBig.rsh(qaSectorPower * ratio, FilterEstimate.precision)
        if actorsVersion >= 2, br.sign == .minus { return .zero }
        return TokenAmount(attoFIL: br)
    }

    /// The deposit for pre-committing a sector of `qaSectorPower`: BR(20 days).
    public static func preCommitDepositForPower(
        rewardEstimate: FilterEstimate, networkQAPowerEstimate: FilterEstimate, qaSectorPower: BigInt, actorsVersion: Int
    ) -> TokenAmount {
        expectedRewardForPower(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate, qaSectorPower: qaSectorPower,
            projectionDuration: preCommitDepositProjectionPeriod, actorsVersion: actorsVersion)
    }

    /// The initial pledge of a new sector: BR(20 days) plus its share of 30% of the circulating
    /// supply, capped at 1 FIL per 32 GiB of QA power.
    public static func initialPledgeForPower(
        qaPower: BigInt, baselinePower: BigInt, rewardEstimate: FilterEstimate, networkQAPowerEstimate: FilterEstimate,
        circulatingSupply: TokenAmount, actorsVersion: Int
    ) -> TokenAmount {
        let ipBase = expectedRewardForPower(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate, qaSectorPower: qaPower,
            projectionDuration: initialPledgeProjectionPeriod, actorsVersion: actorsVersion)
        let lockTargetNum = lockTargetFactorNum * circulatingSupply.attoFIL
        let pledgeShareDenom = max(max(networkQAPowerEstimate.estimate, baselinePower), qaPower)
        let additional = GoBig.div(lockTargetNum * qaPower, lockTargetFactorDenom * pledgeShareDenom)
        let nominal = ipBase.attoFIL + additional
        let cap = initialPledgeMaxPerByte * qaPower
        return TokenAmount(attoFIL: min(nominal, cap))
    }

    // MARK: v0 penalties

    /// v0 FF: BR over 2.14 days (3.51 from network version 3).
    public static func pledgePenaltyForDeclaredFaultV0(
        rewardEstimate: FilterEstimate, networkQAPowerEstimate: FilterEstimate, qaSectorPower: BigInt, networkVersion: UInt64
    ) -> TokenAmount {
        expectedRewardForPower(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate, qaSectorPower: qaSectorPower,
            projectionDuration: networkVersion >= 3 ? declaredFaultProjectionPeriodV3 : declaredFaultProjectionPeriodV0,
            actorsVersion: 0)
    }

    /// v0 SP: BR over 5 days (3.5 from network version 1).
    public static func pledgePenaltyForUndeclaredFaultV0(
        rewardEstimate: FilterEstimate, networkQAPowerEstimate: FilterEstimate, qaSectorPower: BigInt, networkVersion: UInt64
    ) -> TokenAmount {
        expectedRewardForPower(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate, qaSectorPower: qaSectorPower,
            projectionDuration: networkVersion >= 1 ? undeclaredFaultProjectionPeriodV1 : undeclaredFaultProjectionPeriodV0,
            actorsVersion: 0)
    }

    /// v0 termination fee: max(SP, BR(20d at activation) + day reward × capped age).
    public static func pledgePenaltyForTerminationV0(
        dayRewardAtActivation: TokenAmount, twentyDayRewardAtActivation: TokenAmount, sectorAge: Int64,
        rewardEstimate: FilterEstimate, networkQAPowerEstimate: FilterEstimate, qaSectorPower: BigInt, networkVersion: UInt64
    ) -> TokenAmount {
        let cap = terminationLifetimeCapV0 * MinerPolicy.epochsInDay
        let age = networkVersion >= 1 ? min(sectorAge / 2, cap) : min(sectorAge, cap)
        let lower = pledgePenaltyForUndeclaredFaultV0(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate, qaSectorPower: qaSectorPower,
            networkVersion: networkVersion)
        let other = twentyDayRewardAtActivation.attoFIL
            + GoBig.div(dayRewardAtActivation.attoFIL * BigInt(age), BigInt(MinerPolicy.epochsInDay))
        return TokenAmount(attoFIL: max(lower.attoFIL, other))
    }

    // MARK: v2 penalties

    /// v2 FF: BR over 3.51 days.
    public static func pledgePenaltyForContinuedFault(
        rewardEstimate: FilterEstimate, networkQAPowerEstimate: FilterEstimate, qaSectorPower: BigInt
    ) -> TokenAmount {
        expectedRewardForPower(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate, qaSectorPower: qaSectorPower,
            projectionDuration: continuedFaultProjectionPeriod, actorsVersion: 2)
    }

    /// v2 termination lower bound: BR over 3.5 days.
    public static func pledgePenaltyForTerminationLowerBound(
        rewardEstimate: FilterEstimate, networkQAPowerEstimate: FilterEstimate, qaSectorPower: BigInt
    ) -> TokenAmount {
        expectedRewardForPower(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate, qaSectorPower: qaSectorPower,
            projectionDuration: terminationPenaltyLowerBoundProjectionPeriod, actorsVersion: 2)
    }

    /// v2 termination fee, counting the age of a replaced committed-capacity sector.
    public static func pledgePenaltyForTermination(
        dayReward: TokenAmount, sectorAge: Int64, twentyDayRewardAtActivation: TokenAmount,
        networkQAPowerEstimate: FilterEstimate, qaSectorPower: BigInt, rewardEstimate: FilterEstimate,
        replacedDayReward: TokenAmount, replacedSectorAge: Int64
    ) -> TokenAmount {
        let lifetimeCap = terminationLifetimeCapV2 * MinerPolicy.epochsInDay
        let cappedAge = min(sectorAge, lifetimeCap)
        var expected = dayReward.attoFIL * BigInt(cappedAge)
        let replacedAge = min(replacedSectorAge, lifetimeCap - cappedAge)
        expected += replacedDayReward.attoFIL * BigInt(replacedAge)
        let penalized = expected * terminationRewardFactorNum
        let lower = pledgePenaltyForTerminationLowerBound(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate, qaSectorPower: qaSectorPower)
        let other = twentyDayRewardAtActivation.attoFIL
            + GoBig.div(penalized, BigInt(MinerPolicy.epochsInDay) * terminationRewardFactorDenom)
        return TokenAmount(attoFIL: max(lower.attoFIL, other))
    }

    /// v2: the consensus fault fee, five block rewards' worth.
    public static func consensusFaultPenalty(thisEpochReward: TokenAmount) -> TokenAmount {
        TokenAmount(attoFIL: GoBig.div(thisEpochReward.attoFIL * consensusFaultFactor, BigInt(MinerPolicy.expectedLeadersPerEpoch)))
    }

    /// v2: how much of a block reward is locked, and on which schedule (75% from network version 6).
    public static func lockedRewardFromReward(_ reward: TokenAmount, networkVersion: UInt64) -> (TokenAmount, MinerPolicy.VestSpec) {
        if networkVersion >= 6 {
            return (TokenAmount(attoFIL: GoBig.div(reward.attoFIL * 75, 100)), MinerPolicy.rewardVestingSpecV1)
        }
        return (reward, MinerPolicy.rewardVestingSpecV1)
    }
}
