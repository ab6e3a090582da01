import BigInt
import DagCBOR
import FilecoinTypes
import Testing

@testable import ChainState

/// Transcribed from specs-actors v2 `partition_state_test.go`.
@Suite struct PartitionTests {
    typealias S = DeadlineTestSupport
    let quant = QuantSpec(unit: 4, offset: 1)

    func sectors() throws -> [SectorOnChainInfo] {
        [
            try S.sector(2, 1, 50, 60, 1000), try S.sector(3, 2, 51, 61, 1001), try S.sector(7, 3, 52, 62, 1002),
            try S.sector(8, 4, 53, 63, 1003), try S.sector(11, 5, 54, 64, 1004), try S.sector(13, 6, 55, 65, 1005),
        ]
    }

    struct Fixture {
        var store: UnchargedActorStore
        var partition: Partition
        var sectors: [SectorOnChainInfo]
        var array: SectorsArray
    }

    func setup(proven: Bool = true, extra: [SectorOnChainInfo] = []) throws -> Fixture {
        let store = S.store()
        let sectors = try sectors()
        var partition = Partition(emptyArray: try S.emptyArray(store), actorsVersion: 2)
        let power = try partition.addSectors(store: store, proven: false, sectors, sectorSize: S.sectorSize, quant: quant)
        #expect(power.isZero)
        if proven { #expect(partition.activateUnproven() == S.power(sectors)) }
        let array = try SectorsArray(loading: try S.emptyArray(store), store: store, actorsVersion: 2)
        try array.store(sectors + extra)
        return Fixture(store: store, partition: partition, sectors: sectors, array: array)
    }

    func select(_ sectors: [SectorOnChainInfo], _ numbers: UInt64...) -> [SectorOnChainInfo] {
        sectors.filter { numbers.contains($0.sectorNumber) }
    }

    func expectState(
        _ partition: Partition, sectors: Bitfield, faults: Bitfield, recovering: Bitfield, terminated: Bitfield, unproven: Bitfield
    ) {
        #expect(partition.sectors == sectors)
        #expect(partition.faults == faults)
        #expect(partition.recoveries == recovering)
        #expect(partition.terminated == terminated)
        #expect(partition.unproven == unproven)
        #expect(throws: Never.self) { try partition.validate() }
    }

    /// `assertPartitionExpirationQueue`: the sectors (on time or early) of each group in order.
    func expectQueue(_ fixture: Fixture, _ groups: [(Int64, Bitfield)]) throws {
        let queue = try fixture.partition.expirationQueue(fixture.store, quant)
        for (epoch, sectors) in groups {
            _ = try queue.root()
            #expect(try queue.popUntil(epoch - 1).isEmpty)
            let set = try queue.popUntil(epoch)
            #expect(set.onTimeSectors.union(set.earlySectors) == sectors)
        }
    }

    func earlyTerminations(_ fixture: Fixture) throws -> [UInt64: Bitfield] {
        let queue = try BitfieldQueue(loading: fixture.partition.earlyTerminated, store: fixture.store, quant: .none)
        var entries: [UInt64: Bitfield] = [:]
        try queue.forEach { (epoch, values) throws(ActorError) in
            entries[epoch] = values
            return true
        }
        return entries
    }

    @Test func addsSectorsAndReportsStats() throws {
        let fixture = try setup()
        expectState(fixture.partition, sectors: S.bitfield(1, 2, 3, 4, 5, 6), faults: Bitfield(), recovering: Bitfield(),
                    terminated: Bitfield(), unproven: Bitfield())
        try expectQueue(fixture, [(5, S.bitfield(1, 2)), (9, S.bitfield(3, 4)), (13, S.bitfield(5, 6))])
    }

    @Test func doesNotAddSectorsTwice() throws {
        var fixture = try setup()
        #expect(throws: ActorError(.errIllegalState, "not all added sectors are new")) {
            _ = try fixture.partition.addSectors(
                store: fixture.store, proven: false, [fixture.sectors[0]], sectorSize: S.sectorSize, quant: quant)
        }
    }

    @Test(arguments: [true, false]) func addsFaults(proven: Bool) throws {
        var fixture = try setup(proven: proven)
        let faults = S.bitfield(4, 5)
        let declared = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, faults, faultExpiration: 7, sectorSize: S.sectorSize, quant: quant)
        let faultyPower = S.power(select(fixture.sectors, 4, 5))
        #expect(declared.newFaultyPower == faultyPower)
        #expect(declared.powerDelta == (proven ? -faultyPower : .zero))
        expectState(fixture.partition, sectors: S.bitfield(1, 2, 3, 4, 5, 6), faults: faults, recovering: Bitfield(),
                    terminated: Bitfield(), unproven: proven ? Bitfield() : S.bitfield(1, 2, 3, 6))
        try expectQueue(fixture, [(5, S.bitfield(1, 2)), (9, S.bitfield(3, 4, 5)), (13, S.bitfield(6))])
    }

    @Test func reAddingFaultsIsANoOp() throws {
        var fixture = try setup()
        let faults = S.bitfield(4, 5)
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, faults, faultExpiration: 7, sectorSize: S.sectorSize, quant: quant)
        let again = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(5, 6), faultExpiration: 10, sectorSize: S.sectorSize, quant: quant)
        #expect(again.newFaultyPower == S.power(select(fixture.sectors, 6)))
        #expect(again.powerDelta == -S.power(select(fixture.sectors, 6)))
        expectState(fixture.partition, sectors: S.bitfield(1, 2, 3, 4, 5, 6), faults: S.bitfield(4, 5, 6), recovering: Bitfield(),
                    terminated: Bitfield(), unproven: Bitfield())
        try expectQueue(fixture, [(5, S.bitfield(1, 2)), (9, S.bitfield(3, 4, 5)), (13, S.bitfield(6))])
    }

    @Test func failsToAddFaultsForMissingSectors() throws {
        var fixture = try setup()
        #expect(throws: ActorError.self) {
            _ = try fixture.partition.declareFaults(
                store: fixture.store, sectorsArray: fixture.array, S.bitfield(99), faultExpiration: 7, sectorSize: S.sectorSize,
                quant: quant)
        }
    }

    @Test func addsAndRemovesRecoveries() throws {
        var fixture = try setup()
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(4, 5, 6), faultExpiration: 7, sectorSize: S.sectorSize,
            quant: quant)
        try fixture.partition.declareFaultsRecovered(sectorsArray: fixture.array, sectorSize: S.sectorSize, S.bitfield(4, 5))
        expectState(fixture.partition, sectors: S.bitfield(1, 2, 3, 4, 5, 6), faults: S.bitfield(4, 5, 6),
                    recovering: S.bitfield(4, 5), terminated: Bitfield(), unproven: Bitfield())
        #expect(fixture.partition.recoveringPower == S.power(select(fixture.sectors, 4, 5)))
        // Declaring 5 faulty again retracts its recovery without a new fault.
        let declared = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(5), faultExpiration: 10, sectorSize: S.sectorSize, quant: quant)
        #expect(declared.newFaults.isEmpty)
        #expect(declared.newFaultyPower == .zero)
        expectState(fixture.partition, sectors: S.bitfield(1, 2, 3, 4, 5, 6), faults: S.bitfield(4, 5, 6),
                    recovering: S.bitfield(4), terminated: Bitfield(), unproven: Bitfield())
        #expect(fixture.partition.recoveringPower == S.power(select(fixture.sectors, 4)))
    }

    @Test func recoversFaults() throws {
        var fixture = try setup()
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(4, 5, 6), faultExpiration: 7, sectorSize: S.sectorSize,
            quant: quant)
        try fixture.partition.declareFaultsRecovered(sectorsArray: fixture.array, sectorSize: S.sectorSize, S.bitfield(4, 5))
        let recovered = try fixture.partition.recoverFaults(
            store: fixture.store, sectorsArray: fixture.array, sectorSize: S.sectorSize, quant: quant)
        #expect(recovered == S.power(select(fixture.sectors, 4, 5)))
        expectState(fixture.partition, sectors: S.bitfield(1, 2, 3, 4, 5, 6), faults: S.bitfield(6), recovering: Bitfield(),
                    terminated: Bitfield(), unproven: Bitfield())
        try expectQueue(fixture, [(5, S.bitfield(1, 2)), (9, S.bitfield(3, 4, 6)), (13, S.bitfield(5))])
    }

    @Test func terminatesSectors() throws {
        let unprovenSector = try S.sector(13, 7, 55, 65, 1006)
        var fixture = try setup(extra: [unprovenSector])
        let delta = try fixture.partition.addSectors(
            store: fixture.store, proven: false, [unprovenSector], sectorSize: S.sectorSize, quant: quant)
        #expect(delta.isZero)
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(3, 4, 5, 6), faultExpiration: 7, sectorSize: S.sectorSize,
            quant: quant)
        try fixture.partition.declareFaultsRecovered(sectorsArray: fixture.array, sectorSize: S.sectorSize, S.bitfield(4, 5))
        let terminations = S.bitfield(1, 3, 5, 7)
        let removed = try fixture.partition.terminateSectors(
            store: fixture.store, sectorsArray: fixture.array, epoch: 3, terminations, sectorSize: S.sectorSize, quant: quant)
        #expect(removed.activePower == S.power(select(fixture.sectors, 1)))
        #expect(removed.faultyPower == S.power(select(fixture.sectors, 3, 5)))
        expectState(fixture.partition, sectors: S.bitfield(1, 2, 3, 4, 5, 6, 7), faults: S.bitfield(4, 6), recovering: S.bitfield(4),
                    terminated: terminations, unproven: Bitfield())
        try expectQueue(fixture, [(5, S.bitfield(2)), (9, S.bitfield(4, 6))])
        #expect(try earlyTerminations(fixture) == [3: terminations])
    }

    @Test func terminateRefusesDeadOrMissingSectors() throws {
        var fixture = try setup()
        #expect(throws: ActorError(.errIllegalArgument, "can only terminate live sectors")) {
            _ = try fixture.partition.terminateSectors(
                store: fixture.store, sectorsArray: fixture.array, epoch: 3, S.bitfield(99), sectorSize: S.sectorSize, quant: quant)
        }
        _ = try fixture.partition.terminateSectors(
            store: fixture.store, sectorsArray: fixture.array, epoch: 3, S.bitfield(1), sectorSize: S.sectorSize, quant: quant)
        #expect(throws: ActorError(.errIllegalArgument, "can only terminate live sectors")) {
            _ = try fixture.partition.terminateSectors(
                store: fixture.store, sectorsArray: fixture.array, epoch: 5, S.bitfield(1), sectorSize: S.sectorSize, quant: quant)
        }
    }

    @Test func popsExpiringSectors() throws {
        var fixture = try setup()
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(4), faultExpiration: 2, sectorSize: S.sectorSize, quant: quant)
        let expired = try fixture.partition.popExpiredSectors(store: fixture.store, until: 5, quant: quant)
        #expect(expired.onTimeSectors == S.bitfield(1, 2))
        #expect(expired.earlySectors == S.bitfield(4))
        #expect(expired.onTimePledge == TokenAmount(attoFIL: 1000 + 1001))
        #expect(expired.activePower == S.power(Array(fixture.sectors[..<2])))
        #expect(expired.faultyPower == S.power([fixture.sectors[3]]))
        expectState(fixture.partition, sectors: S.bitfield(1, 2, 3, 4, 5, 6), faults: Bitfield(), recovering: Bitfield(),
                    terminated: S.bitfield(1, 2, 4), unproven: Bitfield())
        try expectQueue(fixture, [(9, S.bitfield(3)), (13, S.bitfield(5, 6))])
        #expect(try earlyTerminations(fixture) == [5: S.bitfield(4)])
    }

    @Test func popExpiringRefusesRecoveriesAndUnproven() throws {
        var fixture = try setup()
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(5), faultExpiration: 2, sectorSize: S.sectorSize, quant: quant)
        try fixture.partition.declareFaultsRecovered(sectorsArray: fixture.array, sectorSize: S.sectorSize, S.bitfield(5))
        #expect(throws: ActorError(.errIllegalState, "unexpected recoveries while processing expirations")) {
            _ = try fixture.partition.popExpiredSectors(store: fixture.store, until: 5, quant: quant)
        }
        var unproven = try setup(proven: false)
        #expect(throws: ActorError.self) { _ = try unproven.partition.popExpiredSectors(store: unproven.store, until: 5, quant: quant) }
    }

    @Test func recordsMissingPoSt() throws {
        let unprovenSector = try S.sector(13, 7, 55, 65, 1006)
        var fixture = try setup(extra: [unprovenSector])
        _ = try fixture.partition.addSectors(store: fixture.store, proven: false, [unprovenSector], sectorSize: S.sectorSize, quant: quant)
        let all = fixture.sectors + [unprovenSector]
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(4, 5, 6), faultExpiration: 7, sectorSize: S.sectorSize,
            quant: quant)
        try fixture.partition.declareFaultsRecovered(sectorsArray: fixture.array, sectorSize: S.sectorSize, S.bitfield(4, 5))
        let missed = try fixture.partition.recordMissedPoSt(store: fixture.store, faultExpiration: 6, quant: quant)
        #expect(missed.newFaultyPower == S.power(Array(all[..<3]) + [all[6]]))
        #expect(missed.penalizedPower == S.power(all) - all[5].power(sectorSize: S.sectorSize))
        #expect(missed.powerDelta == -S.power(Array(all[..<3])))
        let everything = S.bitfield(1, 2, 3, 4, 5, 6, 7)
        expectState(fixture.partition, sectors: everything, faults: everything, recovering: Bitfield(), terminated: Bitfield(),
                    unproven: Bitfield())
        try expectQueue(fixture, [(5, S.bitfield(1, 2)), (9, S.bitfield(3, 4, 5, 6, 7))])
    }

    @Test func popsEarlyTerminations() throws {
        var fixture = try setup()
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(3, 4, 5, 6), faultExpiration: 7, sectorSize: S.sectorSize,
            quant: quant)
        try fixture.partition.declareFaultsRecovered(sectorsArray: fixture.array, sectorSize: S.sectorSize, S.bitfield(4, 5))
        _ = try fixture.partition.terminateSectors(
            store: fixture.store, sectorsArray: fixture.array, epoch: 3, S.bitfield(1, 3, 5), sectorSize: S.sectorSize, quant: quant)
        var (result, hasMore) = try fixture.partition.popEarlyTerminations(store: fixture.store, maxSectors: 1)
        #expect(result.sectors[3] == S.bitfield(1))
        #expect(hasMore)
        #expect(try earlyTerminations(fixture) == [3: S.bitfield(3, 5)])
        (result, hasMore) = try fixture.partition.popEarlyTerminations(store: fixture.store, maxSectors: 5)
        #expect(result.sectors[3] == S.bitfield(3, 5))
        #expect(!hasMore)
        #expect(try earlyTerminations(fixture).isEmpty)
    }

    @Test func maxSectorsPartitionRoundTrips() throws {
        let store = S.store()
        var partition = Partition(emptyArray: try S.emptyArray(store), actorsVersion: 2)
        var many: [SectorOnChainInfo] = []
        for i in 0..<2349 { many.append(try S.sector(Int64(i + 1), UInt64(i + 1) << 50, 50, 60, 1000)) }
        let power = try partition.addSectors(store: store, proven: false, many, sectorSize: S.sectorSize, quant: .none)
        #expect(power.isZero)
        let numbers = S.bitfield(many.map(\.sectorNumber))
        #expect(partition.sectors == numbers && partition.unproven == numbers)
        var reader = CBORReader(bytes: partition.cborBytes)
        let decoded = try Partition(from: &reader, actorsVersion: 2)
        #expect(decoded == partition)
    }

    @Test func recordSkippedFaults() throws {
        var fixture = try setup()
        #expect(throws: ActorError(.errIllegalArgument, "skipped faults contains sectors outside partition")) {
            _ = try fixture.partition.recordSkippedFaults(
                store: fixture.store, sectorsArray: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 7,
                skipped: S.bitfield(1, 100))
        }
        let none = try fixture.partition.recordSkippedFaults(
            store: fixture.store, sectorsArray: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 7,
            skipped: Bitfield())
        #expect(!none.hasNewFaults && none.newFaultyPower == .zero)
        // Already faulty and terminated sectors are ignored.
        _ = try fixture.partition.terminateSectors(
            store: fixture.store, sectorsArray: fixture.array, epoch: 3, S.bitfield(1), sectorSize: S.sectorSize, quant: quant)
        _ = try fixture.partition.declareFaults(
            store: fixture.store, sectorsArray: fixture.array, S.bitfield(2), faultExpiration: 7, sectorSize: S.sectorSize, quant: quant)
        let ignored = try fixture.partition.recordSkippedFaults(
            store: fixture.store, sectorsArray: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 7,
            skipped: S.bitfield(1, 2))
        #expect(!ignored.hasNewFaults && ignored.powerDelta == .zero && ignored.retractedRecoveryPower == .zero)
        // Recoveries are retracted without counting as new faulty power.
        try fixture.partition.declareFaultsRecovered(sectorsArray: fixture.array, sectorSize: S.sectorSize, S.bitfield(2))
        let retracted = try fixture.partition.recordSkippedFaults(
            store: fixture.store, sectorsArray: fixture.array, sectorSize: S.sectorSize, quant: quant, faultExpiration: 7,
            skipped: S.bitfield(2, 3))
        #expect(retracted.hasNewFaults)
        #expect(retracted.newFaultyPower == S.power(select(fixture.sectors, 3)))
        #expect(retracted.retractedRecoveryPower == S.power(select(fixture.sectors, 2)))
        #expect(fixture.partition.recoveries.isEmpty)
    }

    @Test func v0PartitionHasNineFields() throws {
        let store = S.store()
        let partition = Partition(emptyArray: try S.emptyArray(store), actorsVersion: 0)
        #expect(partition.cborBytes.first == 0x89)
        var reader = CBORReader(bytes: partition.cborBytes)
        #expect(try Partition(from: &reader, actorsVersion: 0) == partition)
        #expect(Partition(emptyArray: try S.emptyArray(store), actorsVersion: 2).cborBytes.first == 0x8b)
    }
}
