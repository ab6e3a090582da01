/// The storage power actor's method numbers (specs-actors v0 and v2 `MethodsPower`).
public enum PowerMethod: UInt64, Sendable {
    case constructor = 1
    case createMiner = 2
    case updateClaimedPower = 3
    case enrollCronEvent = 4
    case onEpochTickEnd = 5
    case updatePledgeTotal = 6
    case onConsensusFault = 7
    case submitPoRepForBulkVerify = 8
    case currentTotalPower = 9
}
