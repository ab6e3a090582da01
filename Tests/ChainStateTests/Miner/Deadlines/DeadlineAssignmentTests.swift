import DagCBOR
import FilecoinTypes
import Testing

@testable import ChainState

/// Transcribed from specs-actors v2 `deadline_assignment_test.go`, plus deadline timing checks.
@Suite struct DeadlineAssignmentTests {
    typealias S = DeadlineTestSupport

    /// (sectors to assign, [deadline index: (live, dead, expected sector numbers)]).
    static let cases: [(UInt64, [Int: (UInt64, UInt64, [UInt64])])] = [
        (10, [0: (0, 0, [0, 1, 2, 3, 8, 9]), 1: (0, 0, [4, 5, 6, 7])]),
        (5, [0: (0, 0, [3, 4]), 1: (0, 0, []), 3: (1, 0, [0, 1, 2])]),
        (1, [0: (8, 0, []), 1: (7, 5, [0])]),
        (1, [0: (4, 4, []), 1: (4, 0, [0])]),
        (1, [0: (1, 0, []), 1: (2, 0, [0])]),
        (1, [0: (1, 0, []), 1: (0, 2, [0])]),
        (1, [0: (0, 1, []), 1: (0, 2, [0])]),
        (1, [0: (1, 1, []), 1: (0, 2, [0])]),
    ]

    @Test func assignsLikeSpecsActors() throws {
        let store = S.store()
        let empty = try S.emptyArray(store)
        for (count, layout) in Self.cases {
            var deadlines = [Deadline?](repeating: nil, count: 48)
            for (index, (live, dead, _)) in layout {
                var deadline = Deadline(emptyArray: empty)
                deadline.liveSectors = live
                deadline.totalSectors = live + dead
                deadlines[index] = deadline
            }
            var sectors: [SectorOnChainInfo] = []
            for number in 0..<count { sectors.append(try S.sector(100, number, 0, 0, 0)) }
            for maxPartitions in [UInt64?(100), nil] {
                let assignment = try DeadlineAssignment.assign(
                    maxPartitions: maxPartitions, partitionSize: 4, deadlines: deadlines, sectors: sectors)
                for (index, assigned) in assignment.enumerated() {
                    #expect(assigned.map(\.sectorNumber) == (layout[index]?.2 ?? []), "deadline \(index)")
                }
            }
        }
    }

    @Test func v2RefusesWhenEveryDeadlineIsFull() throws {
        let store = S.store()
        var full = Deadline(emptyArray: try S.emptyArray(store))
        full.liveSectors = 8
        full.totalSectors = 8
        #expect(throws: ActorError.self) {
            _ = try DeadlineAssignment.assign(
                maxPartitions: 2, partitionSize: 4, deadlines: [full, full], sectors: [try S.sector(100, 1, 0, 0, 0)])
        }
    }

    @Test func deadlineInfoTiming() {
        let info = DeadlineInfo(periodStart: 1000, index: 3, currentEpoch: 1190)
        #expect(info.open == 1180 && info.close == 1240 && info.challenge == 1160 && info.faultCutoff == 1110)
        #expect(info.isOpen && !info.hasElapsed && info.last == 1239)
        #expect(info.quantSpec == QuantSpec(unit: 2880, offset: 1239))
        let past = DeadlineInfo(periodStart: 1000, index: 3, currentEpoch: 1000 + 2880 * 2 + 300)
        #expect(past.nextNotElapsed.periodStart == 1000 + 2880 * 3)
        let after = DeadlineInfo(periodStart: 1000, index: 48, currentEpoch: 0)
        #expect(after.open == 3880 && after.close == 3880 && after.faultCutoff == 0)
        #expect(DeadlineInfo.isMutable(provingPeriodStart: 0, index: 10, currentEpoch: 100))
        #expect(!DeadlineInfo.isMutable(provingPeriodStart: 0, index: 2, currentEpoch: 100))
    }

    @Test func deadlinesEncodeAsCBORGen() throws {
        let store = S.store()
        let deadline = Deadline(emptyArray: try S.emptyArray(store))
        let bytes = deadline.cborBytes
        #expect(bytes.first == 0x87)
        #expect(try Deadline(cborBytes: bytes) == deadline)
        let deadlines = Deadlines(emptyDeadline: try store.put(bytes))
        let encoded = deadlines.cborBytes
        #expect(Array(encoded.prefix(3)) == [0x81, 0x98, 0x30])
        #expect(try Deadlines(cborBytes: encoded) == deadlines)
        #expect(throws: ActorError.self) { _ = try deadlines.loadDeadline(store, 48) }
    }
}

/// `State.AssignSectorsToDeadlines` on a fresh miner: only deadlines not about to open take
/// sectors, the least loaded first; v2 counts their power after the first proof, v0 at once.
@Suite struct AssignSectorsToDeadlinesTests {
    @Test(arguments: [0, 2]) func newSectorsFillTheFirstMutableDeadline(actorsVersion: Int) throws {
        let (rt, _) = try ScriptedRuntime.minerWithSectors(count: 1)
        var state = try rt.minerState
        if actorsVersion == 0 {
            // The same state read as v0 (no fee debt), with every deadline empty again.
            state.feeDebt = nil
            let empty = try rt.store.put(Deadline(emptyArray: try ActorAMT(store: rt.store).flush()).cborBytes)
            try state.saveDeadlines(rt.store, Deadlines(emptyDeadline: empty))
        }
        var sectors: [SectorOnChainInfo] = []
        for number in UInt64(10)..<13 {
            sectors.append(try DeadlineTestSupport.sector(600_000, number, 0, 0, 0))
        }
        let array = try state.loadSectorsArray(rt.store)
        try array.store(sectors)
        state.sectors = try array.root()
        let power = try state.assignSectorsToDeadlines(rt.store, epoch: 0, sectors, partitionSize: 2349, sectorSize: 32 << 30)
        #expect(power == (actorsVersion >= 2 ? .zero : sectors.power(sectorSize: 32 << 30)))
        let deadlines = try state.loadDeadlines(rt.store)
        // Deadlines 0 and 1 open within a window of epoch 0; deadline 2 already holds sector 1,
        // so it is not full and takes the new sectors first.
        for index in UInt64(0)..<48 {
            let deadline = try deadlines.loadDeadline(rt.store, index)
            let expected: UInt64 = index == 2 ? (actorsVersion >= 2 ? 4 : 3) : 0
            #expect(deadline.totalSectors == expected, "deadline \(index)")
        }
    }
}
