import BigInt
import DagCBOR
import FilecoinTypes

/// The reward actor's state. v0 (9 fields):
/// `[CumsumBaseline, CumsumRealized, EffectiveNetworkTime, EffectiveBaselinePower,
/// ThisEpochReward, ThisEpochRewardSmoothed, ThisEpochBaselinePower, Epoch, TotalMined]`;
/// v2 (11) renames TotalMined to TotalStoragePowerReward and appends `SimpleTotal,
/// BaselineTotal`.
///
/// Invariant: `simpleTotal` and `baselineTotal` are non-nil exactly for v2 state.
public struct RewardState: CBORCodable, Hashable, Sendable {
    public var cumsumBaseline: BigInt
    public var cumsumRealized: BigInt
    public var effectiveNetworkTime: Int64
    public var effectiveBaselinePower: BigInt
    public var thisEpochReward: TokenAmount
    public var thisEpochRewardSmoothed: FilterEstimate
    public var thisEpochBaselinePower: BigInt
    public var epoch: Int64
    /// TotalMined (v0) / TotalStoragePowerReward (v2).
    public var totalStoragePowerReward: TokenAmount
    public var simpleTotal: BigInt?
    public var baselineTotal: BigInt?

    /// The state at genesis for `currRealizedPower` (`ConstructState`).
    public init(currRealizedPower: BigInt, actorsVersion: Int) {
        cumsumBaseline = 0
        cumsumRealized = 0
        effectiveNetworkTime = 0
        effectiveBaselinePower = RewardMath.baselineInitialValue(actorsVersion: actorsVersion)
        thisEpochReward = .zero
        thisEpochBaselinePower = RewardMath.initBaselinePower(actorsVersion: actorsVersion)
        epoch = -1
        thisEpochRewardSmoothed = FilterEstimate(
            wholePosition: RewardMath.initialRewardPositionEstimate, wholeVelocity: RewardMath.initialRewardVelocityEstimate)
        totalStoragePowerReward = .zero
        if actorsVersion >= 2 {
            simpleTotal = RewardMath.simpleTotal
            baselineTotal = RewardMath.baselineTotal
        }
        // v0 constructs at network version 0 (its first exponent), v2 has one exponent.
        let exponent = RewardMath.baselineExponent(actorsVersion: actorsVersion, networkVersion: 0)
        updateToNextEpochWithReward(currRealizedPower, exponent: exponent)
    }

    /// Advances one epoch without computing a reward (null rounds; `updateToNextEpoch`).
    mutating func updateToNextEpoch(_ currRealizedPower: BigInt, exponent: BigInt) {
        epoch += 1
        thisEpochBaselinePower = RewardMath.baselinePowerFromPrev(thisEpochBaselinePower, exponent: exponent)
        cumsumRealized += min(thisEpochBaselinePower, currRealizedPower)
        while cumsumRealized > cumsumBaseline {
            effectiveNetworkTime += 1
            effectiveBaselinePower = RewardMath.baselinePowerFromPrev(effectiveBaselinePower, exponent: exponent)
            cumsumBaseline += effectiveBaselinePower
        }
    }

    /// Advances one epoch and computes the next epoch's reward (`updateToNextEpochWithReward`).
    mutating func updateToNextEpochWithReward(_ currRealizedPower: BigInt, exponent: BigInt) {
        let prevTheta = theta
        updateToNextEpoch(currRealizedPower, exponent: exponent)
        let currTheta = theta
        thisEpochReward = TokenAmount(
            attoFIL: RewardMath.reward(
                epoch: epoch, prevTheta: prevTheta, currTheta: currTheta,
                simpleTotal: simpleTotal ?? RewardMath.simpleTotal, baselineTotal: baselineTotal ?? RewardMath.baselineTotal))
    }

    /// Feeds this epoch's reward into the smoothed estimate (`updateSmoothedEstimates`).
    mutating func updateSmoothedEstimates(delta: Int64) {
        thisEpochRewardSmoothed = thisEpochRewardSmoothed.next(observation: thisEpochReward.attoFIL, epochDelta: delta)
    }

    private var theta: BigInt {
        RewardMath.rTheta(
            effectiveNetworkTime: effectiveNetworkTime, baselinePowerAtEffectiveNetworkTime: effectiveBaselinePower,
            cumsumRealized: cumsumRealized, cumsumBaseline: cumsumBaseline)
    }

    public init(from reader: inout CBORReader) throws {
        let start = reader.offset
        let count = try reader.readArrayHeader()
        guard count == 9 || count == 11 else {
            throw CBORError(.unexpectedCount(expected: 11, found: count), offset: start)
        }
        cumsumBaseline = try reader.readBigInt()
        cumsumRealized = try reader.readBigInt()
        effectiveNetworkTime = try reader.readInt()
        effectiveBaselinePower = try reader.readBigInt()
        thisEpochReward = try reader.readTokenAmount()
        thisEpochRewardSmoothed = try FilterEstimate(from: &reader)
        thisEpochBaselinePower = try reader.readBigInt()
        epoch = try reader.readInt()
        totalStoragePowerReward = try reader.readTokenAmount()
        if count == 11 {
            simpleTotal = try reader.readBigInt()
            baselineTotal = try reader.readBigInt()
        }
    }

    public func encode(to writer: inout CBORWriter) {
        let v2 = simpleTotal != nil || baselineTotal != nil
        writer.writeArrayHeader(v2 ? 11 : 9)
        writer.writeBigInt(cumsumBaseline)
        writer.writeBigInt(cumsumRealized)
        writer.writeInt(effectiveNetworkTime)
        writer.writeBigInt(effectiveBaselinePower)
        writer.writeTokenAmount(thisEpochReward)
        thisEpochRewardSmoothed.encode(to: &writer)
        writer.writeBigInt(thisEpochBaselinePower)
        writer.writeInt(epoch)
        writer.writeTokenAmount(totalStoragePowerReward)
        if v2 {
            writer.writeBigInt(simpleTotal ?? 0)
            writer.writeBigInt(baselineTotal ?? 0)
        }
    }
}
