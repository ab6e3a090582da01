import DagCBOR
/// Which beacon a chain uses from which epoch on (Lotus `beacon.Schedule`): a network that switches
/// beacons (mainnet moved from chained to unchained drand) lists one point per beacon.
///
/// Invariant: at least one point, starts ascending. Before the first start the first beacon
/// answers, as Lotus's `BeaconForEpoch` does.
public struct BeaconSchedule: Sendable {
    /// One beacon and the first epoch it serves.
    public struct Point: Sendable {
        public var start: Int64
        public var beacon: any RandomBeacon

        public init(start: Int64, beacon: any RandomBeacon) {
            self.start = start
            self.beacon = beacon
        }
    }

    public let points: [Point]

    /// A schedule of the given points, sorted by start; nil for no points.
    public init?(_ points: [Point]) {
        guard !points.isEmpty else { return nil }
        self.points = points.sorted { $0.start < $1.start }
    }

    /// One beacon for every epoch (a devnet's mock beacon).
    public init(_ beacon: any RandomBeacon) {
        points = [Point(start: 0, beacon: beacon)]
    }

    /// The index of the point serving `epoch`: beacons are compared by their point, as Lotus
    /// compares its beacon interfaces for identity.
    public func pointIndex(forEpoch epoch: Int64) -> Int {
        points.lastIndex { epoch >= $0.start } ?? 0
    }

    /// The beacon serving `epoch` (Lotus `BeaconForEpoch`).
    public func beacon(forEpoch epoch: Int64) -> any RandomBeacon {
        points[pointIndex(forEpoch: epoch)].beacon
    }
}
