import BigInt
import DagCBOR
import FilecoinTypes

/// The reward actor's `ThisEpochReward` return. v0: `[ThisEpochReward,
/// ThisEpochRewardSmoothed, ThisEpochBaselinePower]`; v2 drops the first field. The smoothed
/// reward is a filter estimate `[PositionEstimate, VelocityEstimate]`.
public struct ThisEpochRewardReturn: Hashable, Sendable {
    /// v0 only (nil when decoded from a v2 return).
    public var thisEpochReward: TokenAmount?
    public var smoothedPosition: BigInt
    public var smoothedVelocity: BigInt
    public var thisEpochBaselinePower: BigInt

    public init(thisEpochReward: TokenAmount?, smoothedPosition: BigInt, smoothedVelocity: BigInt, thisEpochBaselinePower: BigInt) {
        self.thisEpochReward = thisEpochReward
        self.smoothedPosition = smoothedPosition
        self.smoothedVelocity = smoothedVelocity
        self.thisEpochBaselinePower = thisEpochBaselinePower
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(thisEpochReward == nil ? 2 : 3)
        if let thisEpochReward { thisEpochReward.encode(to: &writer) }
        writer.writeArrayHeader(2)
        FilecoinBigInt.encode(smoothedPosition, to: &writer)
        FilecoinBigInt.encode(smoothedVelocity, to: &writer)
        FilecoinBigInt.encode(thisEpochBaselinePower, to: &writer)
    }

    /// Decodes the return of the given actors version.
    public init(from reader: inout CBORReader, actorsVersion: Int) throws {
        try reader.readArrayHeader(expected: actorsVersion >= 2 ? 2 : 3)
        thisEpochReward = actorsVersion >= 2 ? nil : try TokenAmount(from: &reader)
        try reader.readArrayHeader(expected: 2)
        smoothedPosition = try FilecoinBigInt.decode(from: &reader)
        smoothedVelocity = try FilecoinBigInt.decode(from: &reader)
        thisEpochBaselinePower = try FilecoinBigInt.decode(from: &reader)
    }
}
