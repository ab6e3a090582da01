import FilecoinTypes

/// A source of beacon entries as Lotus's `beacon.RandomBeacon` describes one: entries by round,
/// their verification against the previous entry, and the newest round a block of a given epoch
/// may carry. The devnet's only implementation is `MockBeacon`; a drand client would be another.
public protocol RandomBeacon: Sendable {
    /// The entry of `round`.
    func entry(round: UInt64) async throws(BeaconError) -> BeaconEntry
    /// Checks `entry`; `previous` is the entry before it in the chain (chained beacons sign over it).
    func verify(_ entry: BeaconEntry, previous: BeaconEntry) throws(BeaconError)
    /// The newest round a block at `epoch` carries (Lotus `MaxBeaconRoundForEpoch`).
    func maxRound(forEpoch epoch: Int64, networkVersion: UInt64) -> UInt64
    /// Whether each entry signs over the previous one (Lotus `IsChained`). A chained beacon needs two
    /// entries in the first block after a switch to it, and its entries are not checked round by round.
    var isChained: Bool { get }
}

/// Why a beacon entry could not be had or was refused.
public enum BeaconError: Error, Hashable, Sendable {
    /// The entry's data is not the beacon's for its round.
    case invalidEntry(round: UInt64)
    /// The beacon could not produce the entry (a network beacon that did not answer).
    case unavailable(round: UInt64, reason: String)
}
