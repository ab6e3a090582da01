import FilecoinTypes

/// Early terminations popped for processing (specs-actors `TerminationResult`): the sectors by
/// the epoch they were terminated at, and how much work popping them was.
public struct TerminationResult: Sendable {
    public var sectors: [Int64: Bitfield] = [:]
    public var partitionsProcessed: UInt64 = 0
    public var sectorsProcessed: UInt64 = 0

    public init() {}

    public var isEmpty: Bool { sectorsProcessed == 0 }

    public mutating func add(_ other: TerminationResult) {
        partitionsProcessed += other.partitionsProcessed
        sectorsProcessed += other.sectorsProcessed
        for (epoch, numbers) in other.sectors {
            sectors[epoch] = (sectors[epoch] ?? Bitfield()).union(numbers)
        }
    }

    /// Whether both counts are still below their limits (`BelowLimit`).
    public func belowLimit(maxPartitions: UInt64, maxSectors: UInt64) -> Bool {
        partitionsProcessed < maxPartitions && sectorsProcessed < maxSectors
    }

    /// Epochs in increasing order with their sectors (`ForEach`).
    public var byEpoch: [(epoch: Int64, sectors: Bitfield)] {
        sectors.keys.sorted().map { ($0, sectors[$0] ?? Bitfield()) }
    }
}
