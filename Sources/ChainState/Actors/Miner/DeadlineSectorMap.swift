import FilecoinTypes

/// Sectors to act on grouped by deadline then partition (specs-actors `DeadlineSectorMap`).
///
/// specs-actors before network version 9 "sorts" the indices with a comparator that never
/// reorders, leaving Go's random map order; the visiting order changes only which blocks are
/// read first, and ascending order is one of the orders Go may take.
public struct DeadlineSectorMap: Sendable {
    public private(set) var deadlines: [UInt64: PartitionSectorMap] = [:]

    public init() {}

    public mutating func add(deadline: UInt64, partition: UInt64, _ sectors: Bitfield) throws(ActorError) {
        guard deadline < MinerDeadlinePolicy.wpostPeriodDeadlines else {
            throw ActorError(.errIllegalArgument, "invalid deadline \(deadline)")
        }
        deadlines[deadline, default: PartitionSectorMap()].add(partition: partition, sectors)
    }

    /// The number of partitions and sectors, refusing more than the limits.
    public func check(maxPartitions: UInt64, maxSectors: UInt64) throws(ActorError) {
        let (partitions, sectors) = try count()
        if partitions > maxPartitions {
            throw ActorError(.errIllegalArgument, "too many partitions \(partitions), max \(maxPartitions)")
        }
        if sectors > maxSectors { throw ActorError(.errIllegalArgument, "too many sectors \(sectors), max \(maxSectors)") }
    }

    public func count() throws(ActorError) -> (partitions: UInt64, sectors: UInt64) {
        var partitions: UInt64 = 0
        var sectors: UInt64 = 0
        for map in deadlines.values {
            let (p, s) = try map.count()
            guard s <= UInt64.max - sectors else { throw ActorError(.errIllegalArgument, "uint64 overflow when counting sectors") }
            partitions += p
            sectors += s
        }
        return (partitions, sectors)
    }

    public var sorted: [(deadline: UInt64, partitions: PartitionSectorMap)] {
        deadlines.keys.sorted().map { ($0, deadlines[$0] ?? PartitionSectorMap()) }
    }
}

/// Sectors to act on in one deadline, by partition (specs-actors `PartitionSectorMap`).
public struct PartitionSectorMap: Sendable {
    public private(set) var partitions: [UInt64: Bitfield] = [:]

    public init() {}

    public mutating func add(partition: UInt64, _ sectors: Bitfield) {
        partitions[partition] = sectors.union(partitions[partition] ?? Bitfield())
    }

    public func count() throws(ActorError) -> (partitions: UInt64, sectors: UInt64) {
        var sectors: UInt64 = 0
        for bits in partitions.values {
            let count = bits.count
            guard count <= UInt64.max - sectors else { throw ActorError(.errIllegalArgument, "uint64 overflow when counting sectors") }
            sectors += count
        }
        return (UInt64(partitions.count), sectors)
    }

    public var sorted: [(partition: UInt64, sectors: Bitfield)] {
        partitions.keys.sorted().map { ($0, partitions[$0] ?? Bitfield()) }
    }
}
