import BigInt
@testable import ChainState
import DagCBOR
import FilecoinTypes

/// Market scripting on the shared ``ScriptedRuntime``: the sends the market makes to the
/// miner (control addresses), reward (baseline power) and power (network power) actors.
extension ScriptedRuntime {
    /// `[Owner, Worker, ControlAddrs]` as the miner returns it.
    static func controlAddressesReturn(owner: Address, worker: Address) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(3)
        owner.encode(to: &writer)
        worker.encode(to: &writer)
        writer.writeArrayHeader(0)
        return writer.bytes
    }

    func expectMinerControlAddresses(miner: Address, owner: Address, worker: Address) {
        expectSend(
            to: miner, method: MinerMethod.controlAddresses.rawValue,
            returnData: Self.controlAddressesReturn(owner: owner, worker: worker))
    }

    /// The reward and power queries of PublishStorageDeals.
    func expectNetworkQueries(baselinePower: BigInt = 0, rawPower: BigInt = 0, qaPower: BigInt = 0) {
        let reward = ThisEpochRewardReturn(
            thisEpochReward: actorsVersion >= 2 ? nil : .zero, thisEpochRewardSmoothed: FilterEstimate(position: 0, velocity: 0),
            thisEpochBaselinePower: baselinePower)
        expectSend(to: BuiltinAddress.rewardActor, method: RewardMethod.thisEpochReward.rawValue, returnData: reward.cborBytes)
        let power = CurrentTotalPowerReturn(
            rawBytePower: rawPower, qualityAdjPower: qaPower, pledgeCollateral: .zero,
            qualityAdjPowerSmoothed: FilterEstimate(position: 0, velocity: 0))
        expectSend(to: BuiltinAddress.powerActor, method: PowerMethod.currentTotalPower.rawValue, returnData: power.cborBytes)
    }
}
