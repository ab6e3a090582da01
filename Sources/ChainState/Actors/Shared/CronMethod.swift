/// The cron actor's method numbers (specs-actors v0 and v2 `MethodsCron`).
public enum CronMethod: UInt64, Sendable {
    case constructor = 1
    case epochTick = 2
}
