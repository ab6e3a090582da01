import BigInt
@testable import ChainState
import DagCBOR
import FilecoinTypes
import Testing

/// The reward actor against specs-actors' reward_test.go and reward_logic_test.go (v2.3 and
/// v0.9): construction values, the minting golden rows, block reward payouts and KPI updates.
@Suite struct RewardActorTests {
    static let epochZeroReward = BigInt("36266264293777134739", radix: 10) ?? 0
    let winner = Address.idAddress(1000)

    private func construct(_ power: BigInt, actorsVersion: Int = 2) throws -> ScriptedRuntime {
        let rt = ScriptedRuntime(receiver: BuiltinAddress.rewardActor, caller: BuiltinAddress.systemActor, actorsVersion: actorsVersion)
        rt.setCaller(BuiltinAddress.systemActor, code: rt.code("system"))
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        try rt.call(RewardActor(actorsVersion: actorsVersion), method: 1, params: BigIntParam(power).cborBytes)
        rt.verify()
        return rt
    }

    private func award(
        _ rt: ScriptedRuntime, miner: Address, penalty: BigInt, gasReward: BigInt, winCount: Int64, expected: BigInt
    ) throws {
        rt.setCaller(BuiltinAddress.systemActor, code: rt.code("system"))
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        var writer = CBORWriter()
        writer.writeArrayHeader(2)
        writer.writeBigInt(expected)
        writer.writeBigInt(penalty * 3)
        rt.expectSend(to: miner, method: 14, params: writer.bytes, value: TokenAmount(attoFIL: expected))
        let params = AwardBlockRewardParams(
            miner: miner, penalty: TokenAmount(attoFIL: penalty), gasReward: TokenAmount(attoFIL: gasReward), winCount: winCount)
        try rt.call(RewardActor(actorsVersion: rt.actorsVersion), method: 2, params: params.cborBytes)
        rt.verify()
    }

    @Test func constructWithZeroPower() throws {
        let rt = try construct(0)
        let state = try rt.getState(RewardState.self)
        #expect(state.epoch == 0)
        #expect(state.cumsumRealized == 0)
        #expect(state.thisEpochReward.attoFIL == Self.epochZeroReward)
        // One byte of rounding during construction.
        #expect(state.thisEpochBaselinePower == RewardMath.baselineInitialValueV2 - 1)
        #expect(state.effectiveBaselinePower == RewardMath.baselineInitialValueV2)
        #expect(state.simpleTotal == RewardMath.simpleTotal)
        #expect(try RewardState(cborBytes: state.cborBytes) == state)
    }

    @Test func constructV0WithZeroPower() throws {
        let rt = try construct(0, actorsVersion: 0)
        let state = try rt.getState(RewardState.self)
        #expect(state.thisEpochReward.attoFIL == Self.epochZeroReward)
        #expect(state.thisEpochBaselinePower == RewardMath.baselineInitialValueV0 - 1)
        #expect(state.effectiveBaselinePower == RewardMath.baselineInitialValueV0)
        #expect(state.simpleTotal == nil)
        #expect(state.cborBytes.first == 0x89)
    }

    @Test func constructWithLessPowerThanBaseline() throws {
        let power = BigInt(1) << 39
        let state = try construct(power).getState(RewardState.self)
        #expect(state.epoch == 0)
        #expect(state.cumsumRealized == power)
        #expect(state.thisEpochReward != .zero)
    }

    @Test func rewardIsCappedAtBaseline() throws {
        let atBaseline = try construct(RewardMath.baselineInitialValueV2).getState(RewardState.self)
        let twice = try construct(RewardMath.baselineInitialValueV2 * 2).getState(RewardState.self)
        #expect(atBaseline.thisEpochReward == twice.thisEpochReward)
    }

    @Test func simpleRewardGoldenRows() {
        let rows: [(Int64, String)] = [
            (0, "36266264293777134739"), (5000, "36246341860983438171"), (990_000, "32527606643308402322"),
            (2_555_000, "27387841182142501307"),
        ]
        for (epoch, expected) in rows {
            let reward = RewardMath.reward(
                epoch: epoch, prevTheta: 0, currTheta: 0, simpleTotal: RewardMath.simpleTotal, baselineTotal: RewardMath.baselineTotal)
            #expect(reward == BigInt(expected, radix: 10), "epoch \(epoch)")
        }
    }

    @Test func baselineRewardGoldenRows() {
        let simple = RewardMath.reward(
            epoch: 0, prevTheta: 0, currTheta: 0, simpleTotal: RewardMath.simpleTotal, baselineTotal: RewardMath.baselineTotal)
        let rows: [(String, String, String)] = [
            ("0", "340282366920938463463374607398434878123", "84621274052457285111"),
            ("1701411834604692317316873037158763279502223", "1701752116971613255780336411766161714380346", "84574788381047331439"),
            ("869421447482997774148922121988128035825635953", "869421787765364695087385585362735434260514076", "63904955735320338264"),
        ]
        for (t0, t1, expected) in rows {
            let reward = RewardMath.reward(
                epoch: 0, prevTheta: BigInt(t0, radix: 10) ?? 0, currTheta: BigInt(t1, radix: 10) ?? 0,
                simpleTotal: RewardMath.simpleTotal, baselineTotal: RewardMath.baselineTotal)
            #expect(reward - simple == BigInt(expected, radix: 10), "theta \(t0)")
        }
    }

    @Test func rThetaInterpolates() {
        func baselineAt(_ epoch: Int64) -> BigInt { BigInt(epoch + 1) * 2048 }
        let half = RewardMath.rTheta(
            effectiveNetworkTime: 1, baselinePowerAtEffectiveNetworkTime: baselineAt(1), cumsumRealized: 2048 + 2048,
            cumsumBaseline: 2048 + 2 * 2048)
        #expect(half == FixedPoint.one / 2)
        var cumsum15: BigInt = 0
        for epoch in Int64(0)..<16 { cumsum15 += baselineAt(epoch) }
        let theta = RewardMath.rTheta(
            effectiveNetworkTime: 16, baselinePowerAtEffectiveNetworkTime: baselineAt(16),
            cumsumRealized: cumsum15 + baselineAt(16) / 4, cumsumBaseline: cumsum15 + baselineAt(16))
        #expect(theta == FixedPoint.one * 61 / 4)
    }

    @Test func rejectsGasRewardExceedingBalance() throws {
        let rt = try construct(0)
        rt.balance = TokenAmount(attoFIL: 9)
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        rt.expectAbort(.errIllegalState) {
            let params = AwardBlockRewardParams(miner: winner, penalty: .zero, gasReward: TokenAmount(attoFIL: 10), winCount: 1)
            try rt.call(RewardActor(actorsVersion: 2), method: 2, params: params.cborBytes)
        }
    }

    @Test func rejectsNegativePenaltyRewardAndZeroWinCount() throws {
        let rt = try construct(0)
        rt.balance = TokenAmount(wholeFIL: 1)
        let cases = [
            AwardBlockRewardParams(miner: winner, penalty: TokenAmount(attoFIL: -1), gasReward: .zero, winCount: 1),
            AwardBlockRewardParams(miner: winner, penalty: .zero, gasReward: TokenAmount(attoFIL: -1), winCount: 1),
            AwardBlockRewardParams(miner: winner, penalty: .zero, gasReward: .zero, winCount: 0),
        ]
        for params in cases {
            rt.expectValidateCaller(BuiltinAddress.systemActor)
            rt.expectAbort(.errIllegalArgument) {
                try rt.call(RewardActor(actorsVersion: 2), method: 2, params: params.cborBytes)
            }
        }
    }

    @Test func paysRewardAndPenaltyMultiplier() throws {
        let rt = try construct(0)
        rt.balance = TokenAmount(wholeFIL: 1_000_000_000)
        let expected = Self.epochZeroReward / 5 + 200
        try award(rt, miner: winner, penalty: 100, gasReward: 200, winCount: 1, expected: expected)
        #expect(try rt.getState(RewardState.self).totalStoragePowerReward.attoFIL == Self.epochZeroReward / 5)
    }

    @Test func paysOutBalanceWhenRewardExceedsIt() throws {
        let rt = try construct(1)
        rt.balance = TokenAmount(attoFIL: 300)
        try award(rt, miner: winner, penalty: 100, gasReward: 0, winCount: 1, expected: 300)
        #expect(rt.balance == .zero)
    }

    @Test func totalStoragePowerRewardTracksPartialPayouts() throws {
        let rt = try construct(1)
        var state = try rt.getState(RewardState.self)
        state.thisEpochReward = TokenAmount(attoFIL: 5000)
        try rt.setState(state)
        rt.balance = TokenAmount(attoFIL: 3500)
        for expected in [1000, 1000, 1000, 500] as [BigInt] {
            try award(rt, miner: winner, penalty: 0, gasReward: 0, winCount: 1, expected: expected)
        }
        #expect(try rt.getState(RewardState.self).totalStoragePowerReward == TokenAmount(attoFIL: 3500))
    }

    @Test func burnsRewardWhenMinerRefuses() throws {
        let rt = try construct(1)
        var state = try rt.getState(RewardState.self)
        state.thisEpochReward = TokenAmount(attoFIL: 5000)
        try rt.setState(state)
        rt.balance = TokenAmount(attoFIL: 3500)
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        rt.expectSend(to: winner, method: 14, value: TokenAmount(attoFIL: 1000), exitCode: .errForbidden)
        rt.expectSend(to: BuiltinAddress.burntFundsActor, method: 0, value: TokenAmount(attoFIL: 1000))
        let params = AwardBlockRewardParams(miner: winner, penalty: .zero, gasReward: .zero, winCount: 1)
        try rt.call(RewardActor(actorsVersion: 2), method: 2, params: params.cborBytes)
        rt.verify()
    }

    @Test func v0BurnsPenaltyAndLocksTheRest() throws {
        let rt = try construct(0, actorsVersion: 0)
        rt.balance = TokenAmount(wholeFIL: 1_000_000_000)
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        let payable = Self.epochZeroReward / 5 + 200 - 100
        rt.expectSend(
            to: winner, method: 14, params: BigIntParam(payable).cborBytes, value: TokenAmount(attoFIL: payable))
        rt.expectSend(to: BuiltinAddress.burntFundsActor, method: 0, value: TokenAmount(attoFIL: 100))
        let params = AwardBlockRewardParams(
            miner: winner, penalty: TokenAmount(attoFIL: 100), gasReward: TokenAmount(attoFIL: 200), winCount: 1)
        try rt.call(RewardActor(actorsVersion: 0), method: 2, params: params.cborBytes)
        rt.verify()
    }

    @Test func thisEpochRewardReturnsSmoothedAndBaseline() throws {
        for version in [0, 2] {
            let rt = try construct(BigInt(1) << 50, actorsVersion: version)
            rt.expectValidateCallerAny()
            let bytes = try rt.call(RewardActor(actorsVersion: version), method: 3)
            rt.verify()
            let returned = try ThisEpochRewardReturn(cborBytes: bytes)
            let state = try rt.getState(RewardState.self)
            #expect(returned.thisEpochBaselinePower == state.thisEpochBaselinePower)
            #expect(returned.thisEpochRewardSmoothed == state.thisEpochRewardSmoothed)
            #expect((returned.thisEpochReward != nil) == (version == 0))
        }
    }

    @Test func successiveKPIUpdatesAdvanceEpochs() throws {
        let power = BigInt(1) << 50
        let rt = try construct(power)
        for epoch in Int64(1)...3 {
            rt.epoch = epoch
            rt.setCaller(BuiltinAddress.powerActor, code: rt.code("storagepower"))
            rt.expectValidateCaller(BuiltinAddress.powerActor)
            try rt.call(RewardActor(actorsVersion: 2), method: 4, params: BigIntParam(power).cborBytes)
            rt.verify()
            // The state computes the reward for the epoch after the current one.
            #expect(try rt.getState(RewardState.self).epoch == epoch + 1)
        }
        // Null rounds are caught up: from 4 to 10, then one more for the reward.
        rt.epoch = 10
        rt.setCaller(BuiltinAddress.powerActor, code: rt.code("storagepower"))
        rt.expectValidateCaller(BuiltinAddress.powerActor)
        try rt.call(RewardActor(actorsVersion: 2), method: 4, params: BigIntParam(power).cborBytes)
        rt.verify()
        #expect(try rt.getState(RewardState.self).epoch == 11)
    }

    @Test func malformedParamsUseTheInvokerExitCode() throws {
        let rt = try construct(0)
        rt.setCaller(BuiltinAddress.systemActor, code: rt.code("system"))
        rt.expectAbort(ExitCode(1)) {
            try rt.call(RewardActor(actorsVersion: 2), method: 2, params: [0x82, 0x01])
        }
        rt.expectAbort(.sysErrInvalidMethod) {
            try rt.call(RewardActor(actorsVersion: 2), method: 5)
        }
    }

    /// v0 grows the baseline 200% a year before network version 3 and 100% from it; v2 always 100%.
    @Test func v0BaselineExponentSwitchesAtNetworkVersion3() throws {
        for (networkVersion, exponent) in [(UInt64(2), RewardMath.baselineExponentV0), (3, RewardMath.baselineExponentV3)] {
            let rt = try construct(0, actorsVersion: 0)
            rt.networkVersion = networkVersion
            let before = try rt.getState(RewardState.self).thisEpochBaselinePower
            rt.epoch = 1
            rt.setCaller(BuiltinAddress.powerActor, code: rt.code("storagepower"))
            rt.expectValidateCaller(BuiltinAddress.powerActor)
            try rt.call(RewardActor(actorsVersion: 0), method: 4, params: BigIntParam(0).cborBytes)
            rt.verify()
            // Epoch 0 -> 1 (catch-up) then 1 -> 2 (with reward): two multiplications.
            let once = RewardMath.baselinePowerFromPrev(before, exponent: exponent)
            let twice = RewardMath.baselinePowerFromPrev(once, exponent: exponent)
            #expect(try rt.getState(RewardState.self).thisEpochBaselinePower == twice)
        }
    }

    @Test func onlyPowerUpdatesKPIAndOnlySystemAwards() throws {
        let rt = try construct(0)
        rt.setCaller(.idAddress(1234), code: rt.code("account"))
        rt.expectValidateCaller(BuiltinAddress.powerActor)
        rt.expectAbort(.sysErrForbidden) {
            try rt.call(RewardActor(actorsVersion: 2), method: 4, params: BigIntParam(0).cborBytes)
        }
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        rt.expectAbort(.sysErrForbidden) {
            let params = AwardBlockRewardParams(miner: winner, penalty: .zero, gasReward: .zero, winCount: 1)
            try rt.call(RewardActor(actorsVersion: 2), method: 2, params: params.cborBytes)
        }
    }

    @Test func unresolvableMinerIsNotFound() throws {
        let rt = try construct(0)
        rt.balance = TokenAmount(wholeFIL: 1)
        rt.expectValidateCaller(BuiltinAddress.systemActor)
        rt.expectAbort(.errNotFound) {
            let params = AwardBlockRewardParams(miner: .actor([1]), penalty: .zero, gasReward: .zero, winCount: 1)
            try rt.call(RewardActor(actorsVersion: 2), method: 2, params: params.cborBytes)
        }
    }
}
