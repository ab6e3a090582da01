import BigInt
import FilecoinTypes
import Testing

@testable import ChainState

/// Transcribed from specs-actors v2 `deadline_state_test.go`.
@Suite struct DeadlineTests {
    typealias S = DeadlineTestSupport
    let quant = QuantSpec(unit: 4, offset: 1)
    let partitionSize: UInt64 = 4

    func sectors() throws -> [SectorOnChainInfo] {
        [
            try S.sector(2, 1, 50, 60, 1000), try S.sector(3, 2, 51, 61, 1001), try S.sector(7, 3, 52, 62, 1002),
            try S.sector(8, 4, 53, 63, 1003), try S.sector(8, 5, 54, 64, 1004), try S.sector(11, 6, 55, 65, 1005),
            try S.sector(13, 7, 56, 66, 1006), try S.sector(8, 8, 57, 67, 1007), try S.sector(8, 9, 58, 68, 1008),
        ]
    }

    struct Fixture {
        var store: UnchargedActorStore
        var deadline: Deadline
        var sectors: [SectorOnChainInfo]
        var extra: SectorOnChainInfo
        var array: SectorsArray

        func power(_ numbers: UInt64...) -> PowerPair {
            (sectors + [extra]).filter { numbers.contains($0.sectorNumber) }.power(sectorSize: S.sectorSize)
        }

        func partition(_ index: UInt64) throws -> Partition {
            try deadline.loadPartition(store, index, actorsVersion: 2)
        }

        func partitionSectors() throws -> [Bitfield] {
            var out: [Bitfield] = []
            let array = try deadline.partitionsArray(store, actorsVersion: 2)
            try array.forEach { (_, partition) throws(ActorError) in
                out.append(partition.sectors)
                return true
            }
            return out
        }
    }

    func setup(prove: Bool) throws -> Fixture {
        let store = S.store()
        let sectors = try sectors()
        let extra = try S.sector(8, 10, 58, 68, 1008)
        var deadline = Deadline(emptyArray: try S.emptyArray(store))
        let array = try SectorsArray(loading: try S.emptyArray(store), store: store, actorsVersion: 2)
        try array.store(sectors + [extra])
        let activated = try deadline.addSectors(
            store, partitionSize: partitionSize, proven: false, sectors, sectorSize: S.sectorSize, quant: quant, actorsVersion: 2)
        #expect(activated.isZero)
        var fixture = Fixture(store: store, deadline: deadline, sectors: sectors, extra: extra, array: array)
        #expect(try fixture.partitionSectors() == [S.bitfield(1, 2, 3, 4), S.bitfield(5, 6, 7, 8), S.bitfield(9)])
        #expect(fixture.deadline.liveSectors == 9 && fixture.deadline.totalSectors == 9)
        if prove {
            let result = try fixture.deadline.recordProvenSectors(
                store, sectors: array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 0,
                [PoStPartition(index: 0), PoStPartition(index: 1), PoStPartition(index: 2)], actorsVersion: 2)
            #expect(result.powerDelta == sectors.power(sectorSize: S.sectorSize))
            let end = try fixture.deadline.processDeadlineEnd(store, quant: quant, faultExpiration: 0, actorsVersion: 2)
            #expect(end.powerDelta.isZero && end.penalizedPower.isZero)
        }
        return fixture
    }

    func terminate(_ fixture: inout Fixture) throws -> PowerPair {
        var map = PartitionSectorMap()
        map.add(partition: 0, S.bitfield(1, 3))
        map.add(partition: 1, S.bitfield(6))
        return try fixture.deadline.terminateSectors(
            fixture.store, sectors: fixture.array, epoch: 15, map, sectorSize: S.sectorSize, quant: quant, actorsVersion: 2)
    }

    @Test(arguments: [true, false]) func terminatesSectors(proveFirst: Bool) throws {
        var fixture = try setup(prove: proveFirst)
        let removed = try terminate(&fixture)
        #expect(removed == (proveFirst ? fixture.power(1, 3, 6) : .zero))
        #expect(try fixture.partition(0).terminated == S.bitfield(1, 3))
        #expect(try fixture.partition(1).terminated == S.bitfield(6))
        #expect(try fixture.partition(0).unproven == (proveFirst ? Bitfield() : S.bitfield(2, 4)))
        #expect(fixture.deadline.liveSectors == 6 && fixture.deadline.totalSectors == 9)
        #expect(fixture.deadline.earlyTerminations == S.bitfield(0, 1))
    }

    @Test func popsEarlyTerminationsThenRemovesPartitions() throws {
        var fixture = try setup(prove: true)
        _ = try terminate(&fixture)
        let (result, more) = try fixture.deadline.popEarlyTerminations(fixture.store, maxPartitions: 100, maxSectors: 100, actorsVersion: 2)
        #expect(!more)
        #expect(result.partitionsProcessed == 2 && result.sectorsProcessed == 3)
        #expect(result.sectors == [15: S.bitfield(1, 3, 6)])
        #expect(fixture.deadline.earlyTerminations.isEmpty)
        let removed = try fixture.deadline.removePartitions(fixture.store, S.bitfield(0), quant: quant, actorsVersion: 2)
        #expect(removed.live == S.bitfield(2, 4))
        #expect(removed.dead == S.bitfield(1, 3))
        #expect(removed.power == fixture.power(2, 4))
        #expect(try fixture.partitionSectors() == [S.bitfield(5, 6, 7, 8), S.bitfield(9)])
        #expect(fixture.deadline.liveSectors == 4 && fixture.deadline.totalSectors == 5)
    }

    @Test func popsEarlyTerminationsInSteps() throws {
        var fixture = try setup(prove: true)
        _ = try terminate(&fixture)
        var (result, more) = try fixture.deadline.popEarlyTerminations(fixture.store, maxPartitions: 1, maxSectors: 1, actorsVersion: 2)
        #expect(more && result.sectors == [15: S.bitfield(1)])
        (result, more) = try fixture.deadline.popEarlyTerminations(fixture.store, maxPartitions: 100, maxSectors: 100, actorsVersion: 2)
        #expect(!more && result.sectors == [15: S.bitfield(3, 6)])
    }

    @Test func removePartitionRefusals() throws {
        var fixture = try setup(prove: true)
        _ = try terminate(&fixture)
        #expect(throws: ActorError(.errIllegalState, "cannot remove partitions from deadline with early terminations")) {
            _ = try fixture.deadline.removePartitions(fixture.store, S.bitfield(0), quant: quant, actorsVersion: 2)
        }
        var clean = try setup(prove: true)
        #expect(throws: ActorError(.errIllegalArgument, "partition index 3 out of range [0, 3)")) {
            _ = try clean.deadline.removePartitions(clean.store, S.bitfield(3), quant: quant, actorsVersion: 2)
        }
        let nothing = try clean.deadline.removePartitions(clean.store, Bitfield(), quant: quant, actorsVersion: 2)
        #expect(nothing.live.isEmpty && nothing.dead.isEmpty && nothing.power.isZero)
        var map = PartitionSectorMap()
        map.add(partition: 0, S.bitfield(1))
        _ = try clean.deadline.declareFaults(
            clean.store, sectors: clean.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 9, map, actorsVersion: 2)
        #expect(throws: ActorError(.errIllegalArgument, "cannot remove partition 0: has faults")) {
            _ = try clean.deadline.removePartitions(clean.store, S.bitfield(0), quant: quant, actorsVersion: 2)
        }
    }

    @Test(arguments: [true, false]) func marksFaulty(proveFirst: Bool) throws {
        var fixture = try setup(prove: proveFirst)
        var map = PartitionSectorMap()
        map.add(partition: 0, S.bitfield(1))
        map.add(partition: 1, S.bitfield(5, 6))
        let declared = try fixture.deadline.declareFaults(
            fixture.store, sectors: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 9, map, actorsVersion: 2)
        #expect(declared.powerDelta == (proveFirst ? -fixture.power(1, 5, 6) : .zero))
        #expect(fixture.deadline.faultyPower == fixture.power(1, 5, 6))
        #expect(try fixture.partition(0).faults == S.bitfield(1))
        #expect(try fixture.partition(1).faults == S.bitfield(5, 6))
    }

    @Test func postAllTheThings() throws {
        var fixture = try setup(prove: true)
        let unproven = try fixture.deadline.addSectors(
            fixture.store, partitionSize: partitionSize, proven: false, [fixture.extra], sectorSize: S.sectorSize, quant: quant,
            actorsVersion: 2)
        #expect(unproven.isZero)
        let first = try fixture.deadline.recordProvenSectors(
            fixture.store, sectors: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 13,
            [PoStPartition(index: 0), PoStPartition(index: 1)], actorsVersion: 2)
        #expect(first.sectors == S.bitfield(1, 2, 3, 4, 5, 6, 7, 8))
        #expect(first.ignoredSectors.isEmpty)
        #expect(first.newFaultyPower.isZero && first.retractedRecoveryPower.isZero && first.recoveredPower.isZero)
        #expect(fixture.deadline.postSubmissions == S.bitfield(0, 1))
        let second = try fixture.deadline.recordProvenSectors(
            fixture.store, sectors: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 13,
            [PoStPartition(index: 1), PoStPartition(index: 2)], actorsVersion: 2)
        #expect(second.sectors == S.bitfield(9, 10))
        #expect(second.powerDelta == fixture.power(10))
        #expect(fixture.deadline.postSubmissions == S.bitfield(0, 1, 2))
        let end = try fixture.deadline.processDeadlineEnd(fixture.store, quant: quant, faultExpiration: 13, actorsVersion: 2)
        #expect(end.powerDelta.isZero && end.penalizedPower.isZero)
        #expect(fixture.deadline.postSubmissions.isEmpty)
    }

    @Test func missedPoStMakesEverythingFaulty() throws {
        var fixture = try setup(prove: true)
        _ = try fixture.deadline.recordProvenSectors(
            fixture.store, sectors: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 13,
            [PoStPartition(index: 0)], actorsVersion: 2)
        let end = try fixture.deadline.processDeadlineEnd(fixture.store, quant: quant, faultExpiration: 13, actorsVersion: 2)
        let missed = fixture.power(5, 6, 7, 8, 9)
        #expect(end.powerDelta == -missed)
        #expect(end.penalizedPower == missed)
        #expect(fixture.deadline.faultyPower == missed)
        #expect(try fixture.partition(1).faults == S.bitfield(5, 6, 7, 8))
        #expect(try fixture.partition(2).faults == S.bitfield(9))
    }

    @Test func missingPartitionsAreNotFound() throws {
        var fixture = try setup(prove: true)
        var map = PartitionSectorMap()
        map.add(partition: 4, S.bitfield(1))
        #expect(throws: ActorError(.errNotFound, "no such partition 4")) {
            _ = try fixture.deadline.declareFaults(
                fixture.store, sectors: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 17, map, actorsVersion: 2)
        }
        #expect(throws: ActorError(.errNotFound, "no such partition 4")) {
            try fixture.deadline.declareFaultsRecovered(fixture.store, sectors: fixture.array, sectorSize: S.sectorSize, map, actorsVersion: 2)
        }
        #expect(throws: ActorError(.errNotFound, "no such partition 3")) {
            _ = try fixture.deadline.recordProvenSectors(
                fixture.store, sectors: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 13,
                [PoStPartition(index: 3)], actorsVersion: 2)
        }
    }

    @Test func faultySectorsExpire() throws {
        var fixture = try setup(prove: true)
        var map = PartitionSectorMap()
        map.add(partition: 0, S.bitfield(1, 2))
        map.add(partition: 1, S.bitfield(5))
        _ = try fixture.deadline.declareFaults(
            fixture.store, sectors: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 5, map, actorsVersion: 2)
        let expired = try fixture.deadline.popExpiredSectors(fixture.store, until: 9, quant: quant, actorsVersion: 2)
        // 1 and 2 were faulty but due by the fault expiration; 5 had been moved to expire early.
        #expect(expired.onTimeSectors == S.bitfield(1, 2, 3, 4, 8, 9))
        #expect(expired.earlySectors == S.bitfield(5))
        #expect(fixture.deadline.earlyTerminations == S.bitfield(1))
        #expect(fixture.deadline.liveSectors == 2)
        #expect(fixture.deadline.faultyPower.isZero)
    }
}
