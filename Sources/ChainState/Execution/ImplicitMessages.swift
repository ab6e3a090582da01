import DagCBOR
import FilecoinTypes

/// The messages the protocol sends itself during block application (Lotus's legacy
/// `ApplyBlocks`): a block reward per block and a cron tick per epoch. Both come from the system
/// actor, carry no value and pay no gas (zero fee cap and premium); their nonce is the system
/// actor's (which never changes: implicit messages do not bump it).
public enum ImplicitMessages {
    /// Lotus `build.BlockGasLimit`.
    public static let blockGasLimit: Int64 = 10_000_000_000
    /// The cron tick's gas limit: "make super sure this is never too little".
    public static let cronGasLimit: Int64 = blockGasLimit * 10_000
    /// The block reward message's gas limit.
    public static let rewardGasLimit: Int64 = 1 << 30
    /// Cron actor method 2.
    public static let cronEpochTick: UInt64 = 2
    /// Reward actor method 2.
    public static let rewardAwardBlockReward: UInt64 = 2

    /// The cron tick (system → cron `EpochTick`, no params).
    public static func cron(nonce: UInt64) -> Message {
        Message(
            to: BuiltinAddress.cronActor, from: BuiltinAddress.systemActor, nonce: nonce, value: .zero,
            gasLimit: cronGasLimit, gasFeeCap: .zero, gasPremium: .zero, method: cronEpochTick, params: [])
    }

    /// The block reward of one block (system → reward `AwardBlockReward`): the miner, the
    /// penalties its messages earned it, the premiums they paid, and its win count.
    public static func reward(
        miner: Address, penalty: TokenAmount, gasReward: TokenAmount, winCount: Int64, nonce: UInt64
    ) -> Message {
        Message(
            to: BuiltinAddress.rewardActor, from: BuiltinAddress.systemActor, nonce: nonce, value: .zero,
            gasLimit: rewardGasLimit, gasFeeCap: .zero, gasPremium: .zero, method: rewardAwardBlockReward,
            params: awardBlockRewardParams(miner: miner, penalty: penalty, gasReward: gasReward, winCount: winCount))
    }

    /// specs-actors `reward.AwardBlockRewardParams` (v0 and v2 alike): the tuple
    /// `[Miner, Penalty, GasReward, WinCount]`.
    public static func awardBlockRewardParams(
        miner: Address, penalty: TokenAmount, gasReward: TokenAmount, winCount: Int64
    ) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeArrayHeader(4)
        miner.encode(to: &writer)
        penalty.encode(to: &writer)
        gasReward.encode(to: &writer)
        writer.writeInt(winCount)
        return writer.bytes
    }
}
