import BigInt
@testable import ChainState
import FilecoinTypes
import Testing

/// The pledge and penalty formulas against specs-actors' `monies_test.go` (v2) and hand-derived
/// values of the v0 ones.
@Suite struct MinerMoniesTests {
    static func constant(_ value: BigInt) -> FilterEstimate { FilterEstimate(wholePosition: value, wholeVelocity: 0) }

    let rewardEstimate = constant(BigInt(1) << 50)
    let powerEstimate = constant(BigInt(1) << 50)
    let qaSectorPower = BigInt(1) << 36
    let factor = BigInt(20)

    var lowerBound: TokenAmount {
        MinerMonies.pledgePenaltyForTerminationLowerBound(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: powerEstimate, qaSectorPower: qaSectorPower)
    }

    @Test func terminationFeeIsTheLowerBoundForSmallPledges() {
        let pledge = TokenAmount(attoFIL: 1 << 10)
        let dayReward = TokenAmount(attoFIL: pledge.attoFIL / factor)
        let fee = MinerMonies.pledgePenaltyForTermination(
            dayReward: dayReward, sectorAge: 20 * MinerPolicy.epochsInDay, twentyDayRewardAtActivation: dayReward * factor,
            networkQAPowerEstimate: powerEstimate, qaSectorPower: qaSectorPower, rewardEstimate: rewardEstimate,
            replacedDayReward: .zero, replacedSectorAge: 0)
        #expect(fee == lowerBound)
    }

    @Test func terminationFeeIsTheExpectedRewardWhenLarger() {
        let pledge = lowerBound
        let dayReward = TokenAmount(attoFIL: pledge.attoFIL / factor)
        let fee = MinerMonies.pledgePenaltyForTermination(
            dayReward: dayReward, sectorAge: 20 * MinerPolicy.epochsInDay, twentyDayRewardAtActivation: dayReward * factor,
            networkQAPowerEstimate: powerEstimate, qaSectorPower: qaSectorPower, rewardEstimate: rewardEstimate,
            replacedDayReward: .zero, replacedSectorAge: 0)
        let expected = pledge.attoFIL + (pledge.attoFIL * 20 * 1) / (factor * 2)
        #expect(fee.attoFIL == expected)
    }

    @Test func terminationAgeIsCapped() {
        let pledge = lowerBound
        let dayReward = TokenAmount(attoFIL: pledge.attoFIL / factor)
        let fee = MinerMonies.pledgePenaltyForTermination(
            dayReward: dayReward, sectorAge: 500 * MinerPolicy.epochsInDay, twentyDayRewardAtActivation: dayReward * factor,
            networkQAPowerEstimate: powerEstimate, qaSectorPower: qaSectorPower, rewardEstimate: rewardEstimate,
            replacedDayReward: .zero, replacedSectorAge: 0)
        let expected = pledge.attoFIL + (pledge.attoFIL * 140) / (factor * 2)
        #expect(fee.attoFIL == expected)
    }

    @Test func replacementChargesTheReplacedSectorsRate() {
        let pledge = lowerBound
        let dayReward = TokenAmount(attoFIL: pledge.attoFIL / factor)
        let oldDayReward = dayReward * 2
        let fee = MinerMonies.pledgePenaltyForTermination(
            dayReward: dayReward, sectorAge: 15 * MinerPolicy.epochsInDay, twentyDayRewardAtActivation: dayReward * factor,
            networkQAPowerEstimate: powerEstimate, qaSectorPower: 1, rewardEstimate: rewardEstimate,
            replacedDayReward: oldDayReward, replacedSectorAge: 20 * MinerPolicy.epochsInDay)
        let expected = dayReward.attoFIL * factor + oldDayReward.attoFIL * 20 / 2 + dayReward.attoFIL * 15 / 2
        #expect(fee.attoFIL == expected)
    }

    @Test func negativeBRIsClampedInV2Only() {
        let reward = FilterEstimate(wholePosition: BigInt(1) << 50, wholeVelocity: 0)
        let power = FilterEstimate(wholePosition: BigInt(1) << 10, wholeVelocity: -(BigInt(1) << 10))
        let v2 = MinerMonies.expectedRewardForPower(
            rewardEstimate: reward, networkQAPowerEstimate: power, qaSectorPower: BigInt(1) << 36, projectionDuration: 4, actorsVersion: 2)
        #expect(v2 == .zero)
        let v0 = MinerMonies.expectedRewardForPower(
            rewardEstimate: reward, networkQAPowerEstimate: power, qaSectorPower: BigInt(1) << 36, projectionDuration: 4, actorsVersion: 0)
        #expect(v0.isNegative)
    }

    @Test func constantEstimatesGiveProportionalBR() {
        // With constant estimates BR(t) = reward × t × power / network power.
        let br = MinerMonies.expectedRewardForPower(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: powerEstimate, qaSectorPower: qaSectorPower,
            projectionDuration: MinerPolicy.epochsInDay, actorsVersion: 2)
        #expect(br.attoFIL == (BigInt(1) << 50) * BigInt(MinerPolicy.epochsInDay) * qaSectorPower / (BigInt(1) << 50))
        // Zero network power: the whole epoch reward.
        let none = MinerMonies.expectedRewardForPower(
            rewardEstimate: rewardEstimate, networkQAPowerEstimate: .zero, qaSectorPower: qaSectorPower,
            projectionDuration: MinerPolicy.epochsInDay, actorsVersion: 0)
        #expect(none.attoFIL == BigInt(1) << 50)
    }

    @Test func initialPledgeIsCappedAtOneFILPer32GiB() {
        let qa = BigInt(32) << 30
        let pledge = MinerMonies.initialPledgeForPower(
            qaPower: qa, baselinePower: 1, rewardEstimate: rewardEstimate, networkQAPowerEstimate: powerEstimate,
            circulatingSupply: TokenAmount(wholeFIL: 1_000_000_000), actorsVersion: 0)
        #expect(pledge.attoFIL == MinerMonies.initialPledgeMaxPerByte * qa)
        // No circulating supply: only BR(20 days).
        let small = MinerMonies.initialPledgeForPower(
            qaPower: 1, baselinePower: 1, rewardEstimate: rewardEstimate, networkQAPowerEstimate: powerEstimate,
            circulatingSupply: .zero, actorsVersion: 2)
        #expect(small.attoFIL == min(BigInt(20 * MinerPolicy.epochsInDay), MinerMonies.initialPledgeMaxPerByte))
    }

    @Test func consensusFaultPenaltyAndReporterShare() {
        let penalty = MinerMonies.consensusFaultPenalty(thisEpochReward: TokenAmount(attoFIL: 1000))
        #expect(penalty == TokenAmount(attoFIL: 1000))
        // v2: 1/1000 at age 1 × growth, capped at 1/20.
        let early = MinerPolicy.rewardForConsensusSlashReport(elapsed: 1, collateral: TokenAmount(wholeFIL: 1), actorsVersion: 2)
        #expect(early.attoFIL == TokenAmount.attoFILPerFIL * BigInt(100_785_473_384) / BigInt(100_000_000_000_000))
        let late = MinerPolicy.rewardForConsensusSlashReport(elapsed: 100_000, collateral: TokenAmount(wholeFIL: 1), actorsVersion: 2)
        #expect(late.attoFIL == TokenAmount.attoFILPerFIL / 20)
        let v0 = MinerPolicy.rewardForConsensusSlashReport(elapsed: 100_000, collateral: TokenAmount(wholeFIL: 1), actorsVersion: 0)
        #expect(v0.attoFIL == TokenAmount.attoFILPerFIL / 2)
    }

    @Test func goDivisionIsEuclidean() {
        #expect(GoBig.div(-7, 2) == -4)
        #expect(GoBig.div(7, -2) == -3)
        #expect(GoBig.div(-7, -2) == 4)
        #expect(GoBig.rsh(-5, 1) == -3)
        #expect(GoBig.rsh(-(BigInt(1) << 130), 128) == -4)
    }
}
