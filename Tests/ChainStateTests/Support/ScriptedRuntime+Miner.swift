import BigInt
@testable import ChainState
import DagCBOR
import FilecoinTypes
import Proofs

/// Miner scripting on the shared runtime: the answers of reward, power and market that the
/// miner asks for, encoded as those actors return them.
extension ScriptedRuntime {
    /// reward.ThisEpochReward: v2 `[Smoothed, Baseline]`, v0 `[Reward, Smoothed, Baseline]`.
    func expectThisEpochReward(smoothed: FilterEstimate, baseline: BigInt, reward: TokenAmount = .zero) {
        var writer = CBORWriter()
        writer.writeArrayHeader(actorsVersion >= 2 ? 2 : 3)
        if actorsVersion < 2 { reward.encode(to: &writer) }
        smoothed.encode(to: &writer)
        FilecoinBigInt.encode(baseline, to: &writer)
        expectSend(to: BuiltinAddress.rewardActor, method: 3, params: [], returnData: writer.bytes)
    }

    /// power.CurrentTotalPower: `[Raw, QA, Pledge, QASmoothed]`.
    func expectCurrentTotalPower(raw: BigInt = 0, qa: BigInt = 0, pledge: TokenAmount = .zero, smoothed: FilterEstimate) {
        var writer = CBORWriter()
        writer.writeArrayHeader(4)
        FilecoinBigInt.encode(raw, to: &writer)
        FilecoinBigInt.encode(qa, to: &writer)
        pledge.encode(to: &writer)
        smoothed.encode(to: &writer)
        expectSend(to: BuiltinAddress.powerActor, method: 9, params: [], returnData: writer.bytes)
    }

    /// power.UpdatePledgeTotal with `delta`.
    func expectPledgeChange(_ delta: TokenAmount) {
        expectSend(to: BuiltinAddress.powerActor, method: 6, params: delta.cborBytes)
    }

    func expectBurn(_ amount: TokenAmount) {
        expectSend(to: BuiltinAddress.burntFundsActor, method: 0, params: [], value: amount)
    }

    /// power.EnrollCronEvent for `epoch` with `payload`.
    func expectEnrollCron(epoch: Int64, eventType: Int64) {
        var writer = CBORWriter()
        writer.writeArrayHeader(2)
        writer.writeInt(epoch)
        writer.writeBytes(MinerCronEventPayload(eventType: eventType).cborBytes)
        expectSend(to: BuiltinAddress.powerActor, method: 4, params: writer.bytes)
    }
}
