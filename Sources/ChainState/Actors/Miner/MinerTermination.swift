import BigInt
import FilecoinTypes

/// The early termination fee of a batch of sectors (`terminationPenalty`), per version.
enum MinerTermination {
    static func terminationPenalty(
        sectorSize: UInt64, epoch: Int64, networkVersion: UInt64, rewardEstimate: FilterEstimate,
        networkQAPowerEstimate: FilterEstimate, sectors: [SectorOnChainInfo], actorsVersion: Int
    ) -> TokenAmount {
        var total = TokenAmount.zero
        for sector in sectors {
            let power = sector.power(sectorSize: sectorSize).qa
            if actorsVersion >= 2 {
                total += MinerMonies.pledgePenaltyForTermination(
                    dayReward: sector.expectedDayReward, sectorAge: epoch - sector.activation,
                    twentyDayRewardAtActivation: sector.expectedStoragePledge, networkQAPowerEstimate: networkQAPowerEstimate,
                    qaSectorPower: power, rewardEstimate: rewardEstimate, replacedDayReward: sector.replacedDayReward ?? .zero,
                    replacedSectorAge: sector.replacedSectorAge ?? 0)
            } else {
                total += MinerMonies.pledgePenaltyForTerminationV0(
                    dayRewardAtActivation: sector.expectedDayReward, twentyDayRewardAtActivation: sector.expectedStoragePledge,
                    sectorAge: epoch - sector.activation, rewardEstimate: rewardEstimate, networkQAPowerEstimate: networkQAPowerEstimate,
                    qaSectorPower: power, networkVersion: networkVersion)
            }
        }
        return total
    }
}
