/// The storage miner's method numbers (specs-actors v0 exports 1...20; v2 adds 21...23 and
/// renames 14 from AddLockedFund to ApplyRewards).
public enum MinerMethod: UInt64, Sendable, CaseIterable {
    case constructor = 1
    case controlAddresses = 2
    case changeWorkerAddress = 3
    case changePeerID = 4
    case submitWindowedPoSt = 5
    case preCommitSector = 6
    case proveCommitSector = 7
    case extendSectorExpiration = 8
    case terminateSectors = 9
    case declareFaults = 10
    case declareFaultsRecovered = 11
    case onDeferredCronEvent = 12
    case checkSectorProven = 13
    /// AddLockedFund in v0, ApplyRewards in v2.
    case applyRewards = 14
    case reportConsensusFault = 15
    case withdrawBalance = 16
    case confirmSectorProofsValid = 17
    case changeMultiaddrs = 18
    case compactPartitions = 19
    case compactSectorNumbers = 20
    case confirmUpdateWorkerKey = 21
    case repayDebt = 22
    case changeOwnerAddress = 23

    /// The method, when `actorsVersion` exports it.
    public init?(number: UInt64, actorsVersion: Int) {
        guard let method = MinerMethod(rawValue: number), actorsVersion >= 2 || number <= 20 else { return nil }
        self = method
    }
}
