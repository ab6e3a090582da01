import BigInt
import FilecoinTypes
import Testing

@testable import ChainState

/// Transcribed from specs-actors v2 `expiration_queue_test.go` and `quantize_test.go`.
@Suite struct ExpirationQueueTests {
    typealias S = DeadlineTestSupport

    @Test func quantizeUp() {
        #expect(QuantSpec.none.quantizeUp(123_456_789) == 123_456_789)
        let cases: [(Int64, Int64, Int64, Int64)] = [
            (42, 10, 0, 50), (16000, 100, 0, 16000), (-5, 10, 0, 0), (-50, 10, 0, -50), (-53, 10, 0, -50),
            (4, 5, 1, 6), (0, 5, 1, 1), (-6, 5, 1, -4), (2, 10, 4, 4), (9, 5, 28, 13), (10000, 100, 2_000_000, 10000),
        ]
        for (epoch, unit, offset, expected) in cases {
            #expect(QuantSpec(unit: unit, offset: offset).quantizeUp(epoch) == expected)
        }
    }

    let onTime = S.bitfield(5, 8, 9)
    let early = S.bitfield(2, 3)
    let active = PowerPair(raw: 1 << 13, qa: 1 << 14)
    let faulty = PowerPair(raw: 1 << 11, qa: 1 << 12)

    func fullSet() -> ExpirationSet {
        ExpirationSet(onTimeSectors: onTime, earlySectors: early, onTimePledge: 1000, activePower: active, faultyPower: faulty)
    }

    @Test func expirationSetAddsAndRemoves() throws {
        var set = ExpirationSet()
        try set.add(onTime: onTime, early: early, pledge: 1000, active: active, faulty: faulty, actorsVersion: 2)
        #expect(set == fullSet())
        #expect(set.count == 5)
        try set.add(
            onTime: S.bitfield(6, 7, 11), early: S.bitfield(1, 4), pledge: 300,
            active: PowerPair(raw: 3 * (1 << 13), qa: 3 * (1 << 14)), faulty: PowerPair(raw: 3 * (1 << 11), qa: 3 * (1 << 12)),
            actorsVersion: 2)
        #expect(set.onTimeSectors == S.bitfield(5, 6, 7, 8, 9, 11))
        #expect(set.earlySectors == S.bitfield(1, 2, 3, 4))
        #expect(set.onTimePledge == 1300)
        #expect(set.activePower == PowerPair(raw: 1 << 15, qa: 1 << 16))
        #expect(set.faultyPower == PowerPair(raw: 1 << 13, qa: 1 << 14))

        var removing = fullSet()
        try removing.remove(
            onTime: S.bitfield(9), early: S.bitfield(2), pledge: 800, active: PowerPair(raw: 3 * (1 << 11), qa: 3 * (1 << 12)),
            faulty: PowerPair(raw: 3 * (1 << 9), qa: 3 * (1 << 10)), actorsVersion: 2)
        #expect(removing.onTimeSectors == S.bitfield(5, 8))
        #expect(removing.earlySectors == S.bitfield(3))
        #expect(removing.onTimePledge == 200)
        #expect(removing.activePower == PowerPair(raw: 1 << 11, qa: 1 << 12))
        #expect(removing.faultyPower == PowerPair(raw: 1 << 9, qa: 1 << 10))
    }

    @Test func expirationSetRemoveFailures() {
        func remove(_ onTime: Bitfield, _ early: Bitfield, _ pledge: Int, _ active: PowerPair, _ faulty: PowerPair) -> String? {
            var set = fullSet()
            do {
                try set.remove(onTime: onTime, early: early, pledge: TokenAmount(attoFIL: pledge), active: active, faulty: faulty, actorsVersion: 2)
                return nil
            } catch { return error.message }
        }
        let a = PowerPair(raw: 3 * (1 << 11), qa: 3 * (1 << 12))
        let f = PowerPair(raw: 3 * (1 << 9), qa: 3 * (1 << 10))
        #expect(remove(S.bitfield(9), S.bitfield(2), 1200, a, f)?.contains("pledge underflow") == true)
        #expect(remove(S.bitfield(12), Bitfield(), 0, a, f)?.contains("not contained") == true)
        #expect(remove(S.bitfield(0), S.bitfield(8), 0, a, f)?.contains("not contained") == true)
        #expect(remove(S.bitfield(9), S.bitfield(2), 200, PowerPair(raw: 3 * (1 << 12), qa: 3 * (1 << 13)), f)?.contains("power underflow") == true)
        #expect(remove(S.bitfield(9), S.bitfield(2), 200, a, PowerPair(raw: 3 * (1 << 10), qa: 3 * (1 << 11)))?.contains("power underflow") == true)
    }

    @Test func expirationSetEmptiesWhenAllRemoved() throws {
        var set = ExpirationSet()
        #expect(set.isEmpty && set.count == 0)
        try set.add(onTime: onTime, early: early, pledge: 1000, active: active, faulty: faulty, actorsVersion: 2)
        #expect(!set.isEmpty)
        try set.remove(onTime: onTime, early: early, pledge: 1000, active: active, faulty: faulty, actorsVersion: 2)
        #expect(set.isEmpty && set.count == 0)
    }

    func sectors() throws -> [SectorOnChainInfo] {
        [
            try S.sector(2, 1, 50, 60, 1000), try S.sector(3, 2, 51, 61, 1001), try S.sector(7, 3, 52, 62, 1002),
            try S.sector(8, 4, 53, 63, 1003), try S.sector(11, 5, 54, 64, 1004), try S.sector(13, 6, 55, 65, 1005),
        ]
    }

    /// `requireNoExpirationGroupsBefore`.
    func expectNothingBefore(_ epoch: Int64, _ queue: ExpirationQueue) throws {
        _ = try queue.root()
        #expect(try queue.popUntil(epoch - 1).isEmpty)
    }

    @Test func addedSectorsCanBePopped() throws {
        let sectors = try sectors()
        let queue = try S.queue(S.store())
        let (numbers, power, pledge) = try queue.addActiveSectors(sectors, sectorSize: S.sectorSize)
        #expect(numbers == S.bitfield(1, 2, 3, 4, 5, 6))
        #expect(power == S.power(sectors))
        #expect(pledge == 6015)
        #expect(queue.amt.count == 6)
        _ = try queue.root()
        var set = try queue.popUntil(7)
        #expect(queue.amt.count == 3)
        #expect(set.onTimeSectors == S.bitfield(1, 2, 3))
        #expect(set.earlySectors.isEmpty)
        #expect(set.onTimePledge == 3003)
        #expect(set.activePower == S.power(Array(sectors[..<3])))
        #expect(set.faultyPower == .zero)
        set = try queue.popUntil(20)
        #expect(set.onTimeSectors == S.bitfield(4, 5, 6))
        #expect(set.onTimePledge == 3012)
        #expect(set.activePower == S.power(Array(sectors[3...])))
        #expect(queue.amt.count == 0)
    }

    @Test func quantizesAddedSectorsByExpiration() throws {
        let queue = try S.queue(S.store(), quant: QuantSpec(unit: 5, offset: 3))
        _ = try queue.addActiveSectors(try sectors(), sectorSize: S.sectorSize)
        _ = try queue.root()
        #expect(queue.amt.count == 3)
        #expect(try queue.popUntil(2).onTimeSectors.isEmpty)
        #expect(try queue.popUntil(3).onTimeSectors == S.bitfield(1, 2))
        #expect(queue.amt.count == 2)
        _ = try queue.root()
        #expect(try queue.popUntil(7).onTimeSectors.isEmpty)
        #expect(try queue.popUntil(8).onTimeSectors == S.bitfield(3, 4))
        _ = try queue.root()
        #expect(try queue.popUntil(12).onTimeSectors.isEmpty)
        #expect(try queue.popUntil(13).onTimeSectors == S.bitfield(5, 6))
        #expect(queue.amt.count == 0)
    }

    @Test func reschedulesSectorsToExpireLater() throws {
        let sectors = try sectors()
        let queue = try S.queue(S.store())
        _ = try queue.addActiveSectors(sectors, sectorSize: S.sectorSize)
        _ = try queue.root()
        try queue.rescheduleExpirations(20, Array(sectors[..<3]), sectorSize: S.sectorSize)
        _ = try queue.root()
        #expect(queue.amt.count == 4)
        #expect(try queue.popUntil(7).onTimeSectors.isEmpty)
        _ = try queue.popUntil(19)
        #expect(queue.amt.count == 1)
        let set = try queue.popUntil(20)
        #expect(set.onTimeSectors == S.bitfield(1, 2, 3))
        #expect(set.onTimePledge == 3003)
        #expect(set.activePower == S.power(Array(sectors[..<3])))
        #expect(set.faultyPower == .zero)
    }

    @Test(arguments: [0, 2]) func reschedulesSectorsAsFaults(actorsVersion: Int) throws {
        let sectors = try sectors()
        let queue = try S.queue(S.store(), quant: QuantSpec(unit: 4, offset: 1), actorsVersion: actorsVersion)
        _ = try queue.addActiveSectors(sectors, sectorSize: S.sectorSize)
        _ = try queue.root()
        let delta = try queue.rescheduleAsFaults(6, Array(sectors[1..<5]), sectorSize: S.sectorSize)
        #expect(delta == S.power(Array(sectors[1..<5])))
        try expectNothingBefore(5, queue)
        var set = try queue.popUntil(5)
        #expect(set.onTimeSectors == S.bitfield(1, 2))
        #expect(set.onTimePledge == 2001)
        #expect(set.activePower == S.power([sectors[0]]))
        #expect(set.faultyPower == S.power([sectors[1]]))
        try expectNothingBefore(9, queue)
        set = try queue.popUntil(9)
        #expect(set.onTimeSectors == S.bitfield(3, 4))
        #expect(set.earlySectors == S.bitfield(5))
        #expect(set.onTimePledge == 2005)
        #expect(set.activePower == .zero)
        #expect(set.faultyPower == S.power(Array(sectors[2..<5])))
        try expectNothingBefore(13, queue)
        set = try queue.popUntil(13)
        #expect(set.onTimeSectors == S.bitfield(6))
        #expect(set.onTimePledge == 1005)
        #expect(set.activePower == S.power([sectors[5]]))
    }

    @Test func reschedulesAllSectorsAsFaults() throws {
        let sectors = try sectors()
        let queue = try S.queue(S.store(), quant: QuantSpec(unit: 4, offset: 1))
        _ = try queue.addActiveSectors(sectors, sectorSize: S.sectorSize)
        _ = try queue.root()
        try queue.rescheduleAllAsFaults(6)
        try expectNothingBefore(5, queue)
        var set = try queue.popUntil(5)
        #expect(set.onTimeSectors == S.bitfield(1, 2))
        #expect(set.onTimePledge == 2001)
        #expect(set.activePower == .zero)
        #expect(set.faultyPower == S.power(Array(sectors[..<2])))
        try expectNothingBefore(9, queue)
        set = try queue.popUntil(9)
        #expect(set.onTimeSectors == S.bitfield(3, 4))
        #expect(set.earlySectors == S.bitfield(5, 6))
        #expect(set.onTimePledge == 2005)
        #expect(set.faultyPower == S.power(Array(sectors[2...])))
        try expectNothingBefore(13, queue)
        set = try queue.popUntil(13)
        #expect(set.isEmpty)
        #expect(set.onTimePledge == .zero)
    }

    @Test func rescheduleExpirationsThenAsFault() throws {
        let sectors = try sectors()
        let queue = try S.queue(S.store(), quant: QuantSpec(unit: 4, offset: 1))
        _ = try queue.addActiveSectors(sectors, sectorSize: S.sectorSize)
        _ = try queue.root()
        try queue.rescheduleExpirations(2, [sectors[2]], sectorSize: S.sectorSize)
        let faults = [sectors[1], sectors[2]]
        let power = try queue.rescheduleAsFaults(4, faults, sectorSize: S.sectorSize)
        #expect(power == S.power(faults))
        var set = try queue.popUntil(5)
        #expect(set.onTimeSectors == S.bitfield(1, 2, 3))
        #expect(set.activePower == S.power([sectors[0]]))
        #expect(set.faultyPower == S.power(faults))
        set = try queue.popUntil(20)
        #expect(set.onTimeSectors == S.bitfield(4, 5, 6))
        #expect(set.activePower == S.power(Array(sectors[3...])))
        #expect(set.faultyPower == .zero)
    }

    @Test func rescheduleRecoverRestoresAllStats() throws {
        let sectors = try sectors()
        let queue = try S.queue(S.store(), quant: QuantSpec(unit: 4, offset: 1))
        _ = try queue.addActiveSectors(sectors, sectorSize: S.sectorSize)
        _ = try queue.root()
        _ = try queue.rescheduleAsFaults(6, Array(sectors[1..<5]), sectorSize: S.sectorSize)
        _ = try queue.root()
        let recovered = try queue.rescheduleRecovered(Array(sectors[1..<5]), sectorSize: S.sectorSize)
        #expect(recovered == S.power(Array(sectors[1..<5])))
        try expectNothingBefore(5, queue)
        var set = try queue.popUntil(5)
        #expect(set.onTimeSectors == S.bitfield(1, 2) && set.earlySectors.isEmpty)
        #expect(set.onTimePledge == 2001)
        #expect(set.activePower == S.power(Array(sectors[..<2])) && set.faultyPower == .zero)
        try expectNothingBefore(9, queue)
        set = try queue.popUntil(9)
        #expect(set.onTimeSectors == S.bitfield(3, 4) && set.earlySectors.isEmpty)
        #expect(set.onTimePledge == 2005)
        #expect(set.activePower == S.power(Array(sectors[2..<4])) && set.faultyPower == .zero)
        try expectNothingBefore(13, queue)
        set = try queue.popUntil(13)
        #expect(set.onTimeSectors == S.bitfield(5, 6) && set.earlySectors.isEmpty)
        #expect(set.onTimePledge == 2009)
        #expect(set.activePower == S.power(Array(sectors[4...])) && set.faultyPower == .zero)
    }

    @Test func replacesSectors() throws {
        let sectors = try sectors()
        let queue = try S.queue(S.store(), quant: QuantSpec(unit: 4, offset: 1))
        _ = try queue.addActiveSectors([sectors[0], sectors[1], sectors[3], sectors[5]], sectorSize: S.sectorSize)
        _ = try queue.root()
        let toRemove = [sectors[0], sectors[1], sectors[3]]
        let toAdd = [sectors[2], sectors[4]]
        let replaced = try queue.replaceSectors(old: toRemove, new: toAdd, sectorSize: S.sectorSize)
        #expect(replaced.old == S.bitfield(1, 2, 4))
        #expect(replaced.new == S.bitfield(3, 5))
        #expect(replaced.power == S.power(toAdd) - S.power(toRemove))
        #expect(replaced.pledge == TokenAmount(attoFIL: 1002 + 1004 - 1000 - 1001 - 1003))
        try expectNothingBefore(9, queue)
        var set = try queue.popUntil(9)
        #expect(set.onTimeSectors == S.bitfield(3) && set.onTimePledge == 1002)
        try expectNothingBefore(13, queue)
        set = try queue.popUntil(13)
        #expect(set.onTimeSectors == S.bitfield(5, 6) && set.onTimePledge == 2009)
        #expect(set.activePower == S.power(Array(sectors[4...])))
    }

    @Test func removesSectors() throws {
        let sectors = try sectors()
        let queue = try S.queue(S.store(), quant: QuantSpec(unit: 4, offset: 1))
        _ = try queue.addActiveSectors(sectors, sectorSize: S.sectorSize)
        _ = try queue.root()
        _ = try queue.rescheduleAsFaults(6, Array(sectors[1..<6]), sectorSize: S.sectorSize)
        _ = try queue.root()
        let toRemove = [sectors[0], sectors[3], sectors[4], sectors[5]]
        let (removed, recovering) = try queue.removeSectors(
            toRemove, faults: S.bitfield(4, 5, 6), recovering: S.bitfield(6), sectorSize: S.sectorSize)
        #expect(removed.onTimeSectors == S.bitfield(1, 4))
        #expect(removed.earlySectors == S.bitfield(5, 6))
        #expect(removed.onTimePledge == TokenAmount(attoFIL: 1000 + 1003))
        #expect(removed.activePower == S.power([sectors[0]]))
        #expect(removed.faultyPower == S.power(Array(sectors[3..<6])))
        #expect(recovering == S.power([sectors[5]]))
        try expectNothingBefore(5, queue)
        var set = try queue.popUntil(5)
        #expect(set.onTimeSectors == S.bitfield(2) && set.onTimePledge == 1001)
        #expect(set.activePower == .zero && set.faultyPower == S.power([sectors[1]]))
        try expectNothingBefore(9, queue)
        set = try queue.popUntil(9)
        #expect(set.onTimeSectors == S.bitfield(3) && set.onTimePledge == 1002)
        #expect(set.activePower == .zero && set.faultyPower == S.power([sectors[2]]))
        try expectNothingBefore(20, queue)
    }

    @Test func emptyOperationsLeaveTheQueueAlone() throws {
        let sectors = try sectors()
        var queue = try S.queue(S.store(), quant: QuantSpec(unit: 4, offset: 1))
        _ = try queue.addActiveSectors([], sectorSize: S.sectorSize)
        #expect(queue.amt.count == 0)
        try queue.rescheduleExpirations(10, [], sectorSize: S.sectorSize)
        #expect(queue.amt.count == 0)
        _ = try queue.rescheduleRecovered([], sectorSize: S.sectorSize)
        #expect(queue.amt.count == 0)
        queue = try S.queue(S.store(), quant: QuantSpec(unit: 4, offset: 1))
        _ = try queue.addActiveSectors(sectors, sectorSize: S.sectorSize)
        let length = queue.amt.count
        _ = try queue.rescheduleAsFaults(15, sectors, sectorSize: S.sectorSize)
        #expect(queue.amt.count == length)
        try queue.rescheduleAllAsFaults(15)
        #expect(queue.amt.count == length)
    }

    @Test func expirationSetEncodingIsCBORGens() throws {
        // cbor-gen: 0x85, two RLE+ byte strings, a big-int byte string, two [raw, qa] pairs.
        let bytes = fullSet().cborBytes
        #expect(bytes.first == 0x85)
        #expect(try ExpirationSet(cborBytes: bytes) == fullSet())
        #expect(PowerPair.zero.cborBytes == [0x82, 0x40, 0x40])
        #expect(PowerPair(raw: 1, qa: 256).cborBytes == [0x82, 0x42, 0x00, 0x01, 0x43, 0x00, 0x01, 0x00])
    }
}
