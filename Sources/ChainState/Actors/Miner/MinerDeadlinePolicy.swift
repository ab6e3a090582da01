/// The window PoSt timing constants of specs-actors v0 and v2 (identical in both), with the
/// limits on what one message may address.
public enum MinerDeadlinePolicy {
    public static let epochsInDay: Int64 = 2880
    /// `WPoStProvingPeriod`: one day.
    public static let wpostProvingPeriod: Int64 = 2880
    /// `WPoStChallengeWindow`: 30 minutes of 30-second epochs.
    public static let wpostChallengeWindow: Int64 = 60
    public static let wpostPeriodDeadlines: UInt64 = 48
    public static let wpostChallengeLookback: Int64 = 20
    public static let faultDeclarationCutoff: Int64 = wpostChallengeLookback + 50
    /// `FaultMaxAge`: a sector faulty this long is terminated.
    public static let faultMaxAge: Int64 = wpostProvingPeriod * 14
    /// v2 `MaxPartitionsPerDeadline`.
    public static let maxPartitionsPerDeadline: UInt64 = 3000
    public static let addressedSectorsMax: UInt64 = 10_000

    /// `AddressedPartitionsMax` (v0: 200, v2: 3000), also v2's `DeclarationsMax`.
    public static func addressedPartitionsMax(actorsVersion: Int) -> UInt64 { actorsVersion >= 2 ? 3000 : 200 }

    /// `loadPartitionsSectorsMax`: the most partitions one message may load for a proof size.
    public static func loadPartitionsSectorsMax(partitionSectorCount: UInt64, actorsVersion: Int) -> UInt64 {
        guard partitionSectorCount > 0 else { return 0 }
        return Swift.min(addressedSectorsMax / partitionSectorCount, addressedPartitionsMax(actorsVersion: actorsVersion))
    }
}
