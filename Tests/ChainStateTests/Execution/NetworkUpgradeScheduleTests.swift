import ChainState
import Testing

@Suite struct NetworkUpgradeScheduleTests {
    @Test func mainnetVersionsChangeTheEpochAfterEachUpgrade() {
        let schedule = NetworkUpgradeSchedule.mainnet
        let cases: [(Int64, UInt64)] = [
            (0, 0), (41_280, 0), (41_281, 1), (51_000, 1), (51_001, 2), (94_001, 3), (138_720, 3), (138_721, 4),
            (140_760, 4), (140_761, 5), (148_889, 5), (170_000, 5), (170_001, 6),
        ]
        for (epoch, version) in cases { #expect(schedule.networkVersion(at: epoch) == version, "epoch \(epoch)") }
    }

    @Test func anUpgradeIsCrossedWhenItsHeightIsInParentUpToTheEpoch() {
        let schedule = NetworkUpgradeSchedule.mainnet
        #expect(schedule.upgrade(crossedFrom: 138_719, to: 138_720) == nil)
        #expect(schedule.upgrade(crossedFrom: 138_720, to: 138_721)?.name == "actorsv2")
        #expect(schedule.upgrade(crossedFrom: 148_880, to: 148_900)?.name == "liftoff")
        #expect(schedule.upgrade(crossedFrom: 138_721, to: 138_721) == nil)
        #expect(NetworkUpgradeSchedule.fixed(5).upgrade(crossedFrom: 0, to: 1_000_000) == nil)
        #expect(NetworkUpgradeSchedule.fixed(5).networkVersion(at: 99) == 5)
    }
}
