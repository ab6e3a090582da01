import BigInt
import DagCBOR
import FilecoinTypes
import Testing

@testable import ChainState

/// v2 OnDeferredCronEvent at a deadline's end and TerminateSectors, after specs-actors'
/// `miner_test.go` (missed PoSt, early termination processing).
@Suite struct MinerCronTests {
    typealias R = ScriptedRuntime
    let actor = MinerActor(actorsVersion: 2)

    func power(_ sectors: [SectorOnChainInfo]) -> PowerPair { sectors.power(sectorSize: 32 << 30) }

    /// Scripts the reward and power queries with zero estimates (so every penalty is zero).
    func expectRewardAndPower(_ rt: ScriptedRuntime) {
        var reward = CBORWriter()
        reward.writeArrayHeader(2)
        FilterEstimate(position: 0, velocity: 0).encode(to: &reward)
        FilecoinBigInt.encode(0, to: &reward)
        rt.expectSend(to: BuiltinAddress.rewardActor, method: 3, returnData: reward.bytes)
        var total = CBORWriter()
        total.writeArrayHeader(4)
        FilecoinBigInt.encode(0, to: &total)
        FilecoinBigInt.encode(0, to: &total)
        TokenAmount.zero.encode(to: &total)
        FilterEstimate(position: 1 << 128, velocity: 0).encode(to: &total)
        rt.expectSend(to: BuiltinAddress.powerActor, method: 9, returnData: total.bytes)
    }

    func enrollParams(epoch: Int64, event: Int64) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(2)
        writer.writeInt(epoch)
        writer.writeBytes(MinerCronEventPayload(eventType: event).cborBytes)
        return writer.bytes
    }

    @Test func missedPoStMakesTheDeadlineFaulty() throws {
        let (rt, sectors) = try R.minerWithSectors()
        var state = try rt.minerState
        state.currentDeadline = R.testDeadline
        try rt.setState(state)
        rt.epoch = 179
        rt.setCaller(BuiltinAddress.powerActor, code: rt.code("storagepower"))
        rt.expectValidateCaller(BuiltinAddress.powerActor)
        expectRewardAndPower(rt)
        rt.expectUpdateClaimedPower(-power(sectors))
        rt.expectSend(to: BuiltinAddress.powerActor, method: 4, params: enrollParams(epoch: 239, event: 1))
        try rt.call(actor, method: 12, params: MinerCronEventPayload(eventType: 1).cborBytes)
        rt.verify()
        state = try rt.minerState
        #expect(state.currentDeadline == R.testDeadline + 1)
        let partition = try rt.testPartition()
        #expect(partition.faults == DeadlineTestSupport.bitfield(1, 2))
        #expect(partition.faultyPower == power(sectors))
        let deadline = try state.loadDeadlines(rt.store).loadDeadline(rt.store, R.testDeadline)
        #expect(deadline.faultyPower == power(sectors))
        #expect(deadline.postSubmissions.isEmpty)
    }

    @Test func provenDeadlineKeepsItsPower() throws {
        let (rt, _) = try R.minerWithSectors()
        var state = try rt.minerState
        state.currentDeadline = R.testDeadline
        try rt.setState(state)
        rt.epoch = 130
        rt.verifyPoStHandler = { _ in true }
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        try rt.call(actor, method: 5, params: R.post())
        rt.verify()
        rt.epoch = 179
        rt.setCaller(BuiltinAddress.powerActor, code: rt.code("storagepower"))
        rt.expectValidateCaller(BuiltinAddress.powerActor)
        expectRewardAndPower(rt)
        rt.expectSend(to: BuiltinAddress.powerActor, method: 4, params: enrollParams(epoch: 239, event: 1))
        try rt.call(actor, method: 12, params: MinerCronEventPayload(eventType: 1).cborBytes)
        rt.verify()
        #expect(try rt.testPartition().faults.isEmpty)
    }

    @Test func cronIsOnlyForThePowerActor() throws {
        let (rt, _) = try R.minerWithSectors()
        rt.expectValidateCaller(BuiltinAddress.powerActor)
        rt.expectAbort(.sysErrForbidden) { try rt.call(actor, method: 12, params: MinerCronEventPayload(eventType: 1).cborBytes) }
    }

    @Test func terminatedSectorsLeaveAtOnce() throws {
        let (rt, sectors) = try R.minerWithSectors()
        rt.epoch = 10
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        expectRewardAndPower(rt)
        rt.expectUpdateClaimedPower(-power([sectors[0]]))
        let done = try rt.call(actor, method: 9, params: R.declarations(DeadlineTestSupport.bitfield(1)))
        rt.verify()
        #expect(try TerminateSectorsReturn(cborBytes: done).done)
        let state = try rt.minerState
        #expect(state.earlyTerminations.isEmpty)
        let partition = try rt.testPartition()
        #expect(partition.terminated == DeadlineTestSupport.bitfield(1))
        #expect(partition.livePower == power([sectors[1]]))
        let deadline = try state.loadDeadlines(rt.store).loadDeadline(rt.store, R.testDeadline)
        #expect(deadline.liveSectors == 1 && deadline.totalSectors == 2)
        // Terminating it again is refused.
        rt.expectValidateCaller(R.minerOwner, R.minerWorker)
        rt.expectAbort(.errIllegalArgument) {
            try rt.call(actor, method: 9, params: R.declarations(DeadlineTestSupport.bitfield(1)))
        }
    }
}
