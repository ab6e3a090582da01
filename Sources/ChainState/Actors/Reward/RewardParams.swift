import BigInt
import DagCBOR
import FilecoinTypes

/// `AwardBlockReward` parameters: `[Miner, Penalty, GasReward, WinCount]` (v0 and v2).
public struct AwardBlockRewardParams: CBORCodable, Hashable, Sendable {
    public var miner: Address
    /// Penalty for including bad messages in a block (>= 0).
    public var penalty: TokenAmount
    /// Gas reward from the block's gas fees, sent with the call (>= 0).
    public var gasReward: TokenAmount
    /// Number of reward units won (> 0).
    public var winCount: Int64

    public init(miner: Address, penalty: TokenAmount, gasReward: TokenAmount, winCount: Int64) {
        self.miner = miner
        self.penalty = penalty
        self.gasReward = gasReward
        self.winCount = winCount
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 4)
        miner = try Address(from: &reader)
        penalty = try reader.readTokenAmount()
        gasReward = try reader.readTokenAmount()
        winCount = try reader.readInt()
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(4)
        miner.encode(to: &writer)
        writer.writeTokenAmount(penalty)
        writer.writeTokenAmount(gasReward)
        writer.writeInt(winCount)
    }
}

/// `ThisEpochReward` return: v0 `[ThisEpochReward, ThisEpochRewardSmoothed,
/// ThisEpochBaselinePower]`, v2 drops the unsmoothed reward.
///
/// Invariant: `thisEpochReward` is non-nil exactly for the v0 form.
public struct ThisEpochRewardReturn: CBORCodable, Hashable, Sendable {
    public var thisEpochReward: TokenAmount?
    public var thisEpochRewardSmoothed: FilterEstimate
    public var thisEpochBaselinePower: BigInt

    public init(thisEpochReward: TokenAmount?, thisEpochRewardSmoothed: FilterEstimate, thisEpochBaselinePower: BigInt) {
        self.thisEpochReward = thisEpochReward
        self.thisEpochRewardSmoothed = thisEpochRewardSmoothed
        self.thisEpochBaselinePower = thisEpochBaselinePower
    }

    public init(from reader: inout CBORReader) throws {
        let start = reader.offset
        let count = try reader.readArrayHeader()
        switch count {
        case 3: thisEpochReward = try reader.readTokenAmount()
        case 2: thisEpochReward = nil
        default: throw CBORError(.unexpectedCount(expected: 2, found: count), offset: start)
        }
        thisEpochRewardSmoothed = try FilterEstimate(from: &reader)
        thisEpochBaselinePower = try reader.readBigInt()
    }

    public func encode(to writer: inout CBORWriter) {
        if let thisEpochReward {
            writer.writeArrayHeader(3)
            writer.writeTokenAmount(thisEpochReward)
        } else {
            writer.writeArrayHeader(2)
        }
        thisEpochRewardSmoothed.encode(to: &writer)
        writer.writeBigInt(thisEpochBaselinePower)
    }
}
