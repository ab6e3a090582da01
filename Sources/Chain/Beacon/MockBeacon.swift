import FilecoinCrypto
import FilecoinTypes

/// The devnet's **mock** beacon, as Lotus's tests define it (`chain/beacon/mock.go`): the entry of
/// round `r` is `blake2b-256(big-endian u64 r)`, and the newest round for epoch `e` is `e + 100`
/// (Lotus's offset, so that rounds and epochs never coincide by accident). It gives no
/// unpredictability at all: it stands in for drand on devnets only, and is named a mock wherever
/// it appears.
public struct MockBeacon: RandomBeacon {
    /// Lotus's offset between an epoch and its newest beacon round.
    public static let roundOffset: Int64 = 100

    public init() {}

    public func entry(round: UInt64) async throws(BeaconError) -> BeaconEntry {
        Self.entry(round: round)
    }

    /// The entry of `round`, computed: the mock needs no network.
    public static func entry(round: UInt64) -> BeaconEntry {
        var bytes = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { bytes[index] = UInt8(truncatingIfNeeded: round >> (56 - 8 * UInt64(index))) }
        return BeaconEntry(round: round, data: Blake2b.hash256(bytes))
    }

    public func verify(_ entry: BeaconEntry, previous: BeaconEntry) throws(BeaconError) {
        guard entry.data == Self.entry(round: entry.round).data else { throw .invalidEntry(round: entry.round) }
    }

    /// Lotus's mock beacon reports itself chained, so a devnet block's entries are checked the way
    /// mainnet's chained drand entries were.
    public var isChained: Bool { true }

    public func maxRound(forEpoch epoch: Int64, networkVersion: UInt64) -> UInt64 {
        UInt64(clamping: epoch + Self.roundOffset)
    }
}
