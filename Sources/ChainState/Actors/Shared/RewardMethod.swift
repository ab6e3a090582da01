/// The reward actor's method numbers (specs-actors v0 and v2 `MethodsReward`).
public enum RewardMethod: UInt64, Sendable {
    case constructor = 1
    case awardBlockReward = 2
    case thisEpochReward = 3
    case updateNetworkKPI = 4
}
