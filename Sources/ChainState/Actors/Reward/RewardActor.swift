import BigInt
import DagCBOR
import FilecoinTypes

/// The reward actor (f02), specs-actors v0.9 and v2.3: block rewards, the epoch reward query
/// and the baseline minting state the power actor updates each epoch. State: ``RewardState``.
public struct RewardActor: BuiltinActor {
    public let actorsVersion: Int
    /// `builtin.ExpectedLeadersPerEpoch`.
    public static let expectedLeadersPerEpoch: Int64 = 5
    /// v2 scales the block penalty up by this factor (`PenaltyMultiplier`).
    public static let penaltyMultiplier: Int64 = 3

    public init(actorsVersion: Int) { self.actorsVersion = actorsVersion }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch RewardMethod(rawValue: method) {
        case .constructor:
            let power = try rt.decodeParams(BigIntParam.self, params)
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            try rt.createState(RewardState(currRealizedPower: power.value, actorsVersion: actorsVersion))
            return []
        case .awardBlockReward:
            return try awardBlockReward(rt, rt.decodeParams(AwardBlockRewardParams.self, params))
        case .thisEpochReward:
            try rt.validateImmediateCallerAcceptAny()
            let state = try rt.state(RewardState.self)
            return ThisEpochRewardReturn(
                thisEpochReward: actorsVersion >= 2 ? nil : state.thisEpochReward,
                thisEpochRewardSmoothed: state.thisEpochRewardSmoothed,
                thisEpochBaselinePower: state.thisEpochBaselinePower
            ).cborBytes
        case .updateNetworkKPI:
            let power = try rt.decodeParams(BigIntParam.self, params)
            try updateNetworkKPI(rt, currRealizedPower: power.value)
            return []
        case nil:
            throw invalidMethod(method)
        }
    }

    private func awardBlockReward(_ rt: any Runtime, _ params: AwardBlockRewardParams) throws(ActorError) -> [UInt8] {
        try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
        let priorBalance = try rt.currentBalance()
        guard !params.penalty.isNegative else { throw ActorError(.errIllegalArgument, "negative penalty \(params.penalty)") }
        guard !params.gasReward.isNegative else {
            throw ActorError(.errIllegalArgument, "negative gas reward \(params.gasReward)")
        }
        guard priorBalance >= params.gasReward else {
            throw ActorError(
                .errIllegalState, "actor current balance \(priorBalance) insufficient to pay gas reward \(params.gasReward)")
        }
        guard params.winCount > 0 else { throw ActorError(.errIllegalArgument, "invalid win count \(params.winCount)") }
        guard let minerID = try rt.resolveAddress(params.miner) else {
            throw ActorError(.errNotFound, "failed to resolve given owner address")
        }

        let totalReward: TokenAmount = try rt.transaction(RewardState.self) { (state: inout RewardState) throws(ActorError) in
            var blockReward = GoBig.div(state.thisEpochReward.attoFIL * BigInt(params.winCount), BigInt(Self.expectedLeadersPerEpoch))
            var total = blockReward + params.gasReward.attoFIL
            let balance = try rt.currentBalance().attoFIL
            if total > balance {
                // The actor pays out what it has left; the gas reward is covered (checked above).
                total = balance
                blockReward = total - params.gasReward.attoFIL
            }
            state.totalStoragePowerReward += TokenAmount(attoFIL: blockReward)
            return TokenAmount(attoFIL: total)
        }

        if actorsVersion >= 2 {
            let penalty = params.penalty * BigInt(Self.penaltyMultiplier)
            // Miner ApplyRewards parameters (`builtin.ApplyRewardParams`): [Reward, Penalty].
            var writer = CBORWriter()
            writer.writeArrayHeader(2)
            writer.writeTokenAmount(totalReward)
            writer.writeTokenAmount(penalty)
            let result = try rt.send(to: minerID, method: MinerMethod.applyRewards.rawValue, params: writer.bytes, value: totalReward)
            if !result.exitCode.isSuccess {
                // The miner is at fault; the reward is burnt and a failure to burn is only logged.
                _ = try rt.send(to: BuiltinAddress.burntFundsActor, method: BuiltinMethod.send, params: [], value: totalReward)
            }
            return []
        }

        // v0: the penalty is capped at the reward and burnt; the miner gets the rest locked
        // (method 14 is AddLockedFund in v0).
        let penalty = min(params.penalty, totalReward)
        let payable = totalReward - penalty
        let result = try rt.send(
            to: minerID, method: MinerMethod.applyRewards.rawValue, params: BigIntParam(payable.attoFIL).cborBytes, value: payable)
        if !result.exitCode.isSuccess {
            _ = try rt.send(to: BuiltinAddress.burntFundsActor, method: BuiltinMethod.send, params: [], value: payable)
        }
        if penalty > .zero {
            try rt.sendOrAbort(
                to: BuiltinAddress.burntFundsActor, method: BuiltinMethod.send, value: penalty,
                "failed to send penalty to burnt funds actor")
        }
        return []
    }

    /// Catches the reward state up to the current epoch (null rounds included) and computes the
    /// next epoch's reward and smoothed estimate.
    private func updateNetworkKPI(_ rt: any Runtime, currRealizedPower: BigInt) throws(ActorError) {
        try rt.validateImmediateCaller(is: BuiltinAddress.powerActor)
        let exponent = RewardMath.baselineExponent(actorsVersion: actorsVersion, networkVersion: rt.networkVersion)
        let epoch = rt.epoch
        try rt.transaction(RewardState.self) { (state: inout RewardState) throws(ActorError) in
            let previous = state.epoch
            while state.epoch < epoch {
                state.updateToNextEpoch(currRealizedPower, exponent: exponent)
            }
            state.updateToNextEpochWithReward(currRealizedPower, exponent: exponent)
            state.updateSmoothedEstimates(delta: state.epoch - previous)
        }
    }
}
