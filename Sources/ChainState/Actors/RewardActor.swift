import BigInt
import DagCBOR
import FilecoinTypes

/// The reward actor (f02), specs-actors v0.9 and v2: block rewards and the epoch reward query.
///
/// `AwardBlockReward` and `ThisEpochReward` are complete; the state update of
/// `UpdateNetworkKPI` (the baseline/realized cumsum and reward curve) and the constructor need
/// the reward math and are refused as not implemented after their caller checks.
public struct RewardActor: BuiltinActor {
    public let actorsVersion: Int
    public static let expectedLeadersPerEpoch: Int64 = 5
    /// Miner method 14: AddLockedFund (v0) / ApplyRewards (v2).
    public static let minerApplyRewards: UInt64 = 14

    public init(actorsVersion: Int) { self.actorsVersion = actorsVersion }

    /// State field positions (v0 and v2 share them up to index 8).
    private enum Field {
        static let thisEpochReward = 4
        static let thisEpochRewardSmoothed = 5
        static let thisEpochBaselinePower = 6
        static let totalMined = 8
    }

    public func invoke(_ rt: any Runtime, method: UInt64, params: [UInt8]) throws(ActorError) -> [UInt8] {
        switch method {
        case 1:
            try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
            throw .fatal("reward actor constructor is not implemented")
        case 2: return try awardBlockReward(rt, rt.tuple(params, 4))
        case 3:
            try rt.validateImmediateCallerAcceptAny()
            let state = try rawState(rt.stateReadonly())
            var writer = CBORWriter()
            if actorsVersion >= 2 {
                writer.writeArrayHeader(2)
            } else {
                writer.writeArrayHeader(3)
                writer.writeRaw(state[Field.thisEpochReward].cborBytes)
            }
            writer.writeRaw(state[Field.thisEpochRewardSmoothed].cborBytes)
            writer.writeRaw(state[Field.thisEpochBaselinePower].cborBytes)
            return writer.bytes
        case 4:
            try rt.validateImmediateCaller(is: BuiltinAddress.powerActor)
            throw .fatal("reward UpdateNetworkKPI is not implemented")
        default:
            throw invalidMethod(method)
        }
    }

    private func awardBlockReward(_ rt: any Runtime, _ p: ParamsTuple) throws(ActorError) -> [UInt8] {
        let miner = try p.address(0)
        let penaltyParam = try p.amount(1)
        let gasReward = try p.amount(2)
        let winCount = try p.int(3)
        try rt.validateImmediateCaller(is: BuiltinAddress.systemActor)
        let prior = try rt.currentBalance()
        guard !penaltyParam.isNegative else { throw ActorError(.errIllegalArgument, "negative penalty") }
        guard !gasReward.isNegative else { throw ActorError(.errIllegalArgument, "negative gas reward") }
        guard prior >= gasReward else {
            throw ActorError(.errIllegalState, "actor current balance insufficient to pay gas reward")
        }
        guard winCount > 0 else { throw ActorError(.errIllegalArgument, "invalid win count \(winCount)") }
        guard let minerID = try rt.resolveAddress(miner) else {
            throw ActorError(.errNotFound, "failed to resolve given owner address")
        }
        let (head, bytes) = try rt.stateBegin()
        var state = try rawState(bytes)
        rt.sendsAllowed = false
        let epochReward = try amount(state[Field.thisEpochReward])
        var blockReward = TokenAmount(attoFIL: epochReward.attoFIL * BigInt(winCount) / BigInt(Self.expectedLeadersPerEpoch))
        var totalReward = blockReward + gasReward
        let balance = try rt.currentBalance()
        if totalReward > balance {
            totalReward = balance
            blockReward = totalReward - gasReward
        }
        state[Field.totalMined] = .bytes(FilecoinBigInt.bytes(of: (try amount(state[Field.totalMined]) + blockReward).attoFIL))
        rt.sendsAllowed = true
        try rt.stateCommit(base: head, bytes: CBORValue.array(state).cborBytes)

        if actorsVersion >= 2 {
            let penalty = TokenAmount(attoFIL: penaltyParam.attoFIL * 3)
            var writer = CBORWriter()
            writer.writeArrayHeader(2)
            totalReward.encode(to: &writer)
            penalty.encode(to: &writer)
            let code = try rt.send(to: minerID, method: Self.minerApplyRewards, params: writer.bytes, value: totalReward)
            if !code.exitCode.isSuccess {
                _ = try rt.send(to: BuiltinAddress.burntFundsActor, method: 0, params: [], value: totalReward)
            }
            return []
        }
        let penalty = min(penaltyParam, totalReward)
        let payable = totalReward - penalty
        let code = try rt.send(to: minerID, method: Self.minerApplyRewards, params: payable.cborBytes, value: payable)
        if !code.exitCode.isSuccess {
            _ = try rt.send(to: BuiltinAddress.burntFundsActor, method: 0, params: [], value: payable)
        }
        if penalty > .zero {
            let burn = try rt.send(to: BuiltinAddress.burntFundsActor, method: 0, params: [], value: penalty)
            guard burn.exitCode.isSuccess else { throw ActorError(burn.exitCode, "failed to send penalty to burnt funds actor") }
        }
        return []
    }

    private func rawState(_ bytes: [UInt8]) throws(ActorError) -> [CBORValue] {
        guard case .array(let fields)? = try? CBORValue(cborBytes: bytes), fields.count >= 9 else {
            throw ActorError(.errSerialization, "reward state is malformed")
        }
        return fields
    }

    private func amount(_ value: CBORValue) throws(ActorError) -> TokenAmount {
        guard case .bytes(let raw) = value, let parsed = try? FilecoinBigInt.value(from: raw) else {
            throw ActorError(.errSerialization, "reward state amount is malformed")
        }
        return TokenAmount(attoFIL: parsed)
    }
}
