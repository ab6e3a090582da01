import BigInt
import DagCBOR
import FilecoinTypes
import Testing

@testable import ChainState

/// v2 ExtendSectorExpiration and CompactPartitions, after specs-actors' `miner_test.go`.
@Suite struct MinerExtensionCompactionTests {
    typealias R = ScriptedRuntime
    let actor = MinerActor(actorsVersion: 2)

    @Test func extendsExpirations() throws {
        let (rt, sectors) = try R.minerWithSectors()
        rt.epoch = 10
        let newExpiration = sectors[0].expiration + 2880 * 10
        let params = ExtendSectorExpirationParams([
            ExpirationExtension(deadline: R.testDeadline, partition: 0, sectors: DeadlineTestSupport.bitfield(1), newExpiration: newExpiration)
        ])
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        // No deals: the quality (so the power) does not depend on the duration, nothing to send.
        try rt.call(actor, method: 8, params: params.cborBytes)
        rt.verify()
        let state = try rt.minerState
        #expect(try state.loadSectorsArray(rt.store).get(1)?.expiration == newExpiration)
        #expect(try state.loadSectorsArray(rt.store).get(2)?.expiration == sectors[1].expiration)
        let partition = try rt.testPartition()
        let queue = try partition.expirationQueue(rt.store, state.quantSpecForDeadline(R.testDeadline))
        #expect(try queue.get(sectors[0].expiration)?.onTimeSectors == DeadlineTestSupport.bitfield(2))
        #expect(try queue.get(newExpiration)?.onTimeSectors == DeadlineTestSupport.bitfield(1))
    }

    @Test func refusesShorterOrTooLongExpirations() throws {
        let (rt, sectors) = try R.minerWithSectors()
        rt.epoch = 10
        for expiration in [sectors[0].expiration - 2880, rt.epoch + 541 * 2880] {
            let params = ExtendSectorExpirationParams([
                ExpirationExtension(deadline: R.testDeadline, partition: 0, sectors: DeadlineTestSupport.bitfield(1), newExpiration: expiration)
            ])
            rt.expectValidateCaller(R.minerOwner, R.minerWorker)
            rt.expectAbort(.errIllegalArgument) { try rt.call(actor, method: 8, params: params.cborBytes) }
        }
        let absurd = ExtendSectorExpirationParams([
            ExpirationExtension(deadline: 48, partition: 0, sectors: DeadlineTestSupport.bitfield(1), newExpiration: sectors[0].expiration)
        ])
        rt.expectAbort(.errIllegalArgument) { try rt.call(actor, method: 8, params: absurd.cborBytes) }
        let missing = ExtendSectorExpirationParams([
            ExpirationExtension(deadline: R.testDeadline, partition: 3, sectors: DeadlineTestSupport.bitfield(1), newExpiration: sectors[0].expiration)
        ])
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errNotFound) { try rt.call(actor, method: 8, params: missing.cborBytes) }
    }

    @Test func compactsPartitionsDroppingDeadSectors() throws {
        let (rt, sectors) = try R.minerWithSectors()
        rt.epoch = 10
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        MinerCronTests().expectRewardAndPower(rt)
        rt.expectUpdateClaimedPower(-sectors[0].power(sectorSize: 32 << 30))
        try rt.call(actor, method: 9, params: R.declarations(DeadlineTestSupport.bitfield(1)))
        rt.verify()

        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        try rt.call(actor, method: 19, params: CompactPartitionsParams(deadline: R.testDeadline, partitions: DeadlineTestSupport.bitfield(0)).cborBytes)
        rt.verify()
        let state = try rt.minerState
        #expect(try state.loadSectorsArray(rt.store).get(1) == nil)
        #expect(try state.loadSectorsArray(rt.store).get(2) != nil)
        let partition = try rt.testPartition()
        #expect(partition.sectors == DeadlineTestSupport.bitfield(2))
        #expect(partition.terminated.isEmpty)
        let deadline = try state.loadDeadlines(rt.store).loadDeadline(rt.store, R.testDeadline)
        #expect(deadline.liveSectors == 1 && deadline.totalSectors == 1)
    }

    @Test func compactionRefusals() throws {
        let (rt, _) = try R.minerWithSectors()
        rt.epoch = 70  // deadline 2 opens at 120: within the prior challenge window
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errForbidden) {
            try rt.call(actor, method: 19, params: CompactPartitionsParams(deadline: R.testDeadline, partitions: DeadlineTestSupport.bitfield(0)).cborBytes)
        }
        rt.epoch = 10
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor, method: 19, params: CompactPartitionsParams(deadline: 48, partitions: DeadlineTestSupport.bitfield(0)).cborBytes)
        }
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor, method: 19, params: CompactPartitionsParams(deadline: R.testDeadline, partitions: DeadlineTestSupport.bitfield(5)).cborBytes)
        }
    }
}
