/// The storage market actor's method numbers (specs-actors v0 and v2 `MethodsMarket`).
public enum MarketMethod: UInt64, Sendable {
    case constructor = 1
    case addBalance = 2
    case withdrawBalance = 3
    case publishStorageDeals = 4
    case verifyDealsForActivation = 5
    case activateDeals = 6
    case onMinerSectorsTerminate = 7
    case computeDataCommitment = 8
    case cronTick = 9
}
