/// The storage miner actor's method numbers (specs-actors v0 `MethodsMiner`; v2 renames 14 to
/// ApplyRewards and adds 21...23).
public enum MinerMethod: UInt64, Sendable {
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
    /// v2 only.
    case confirmUpdateWorkerKey = 21
    /// v2 only.
    case repayDebt = 22
    /// v2 only.
    case changeOwnerAddress = 23

    /// v0's name for method 14.
    public static let addLockedFund = MinerMethod.applyRewards
}
