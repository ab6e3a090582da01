/// Assignment of newly proven sectors to deadlines (specs-actors `assignDeadlines`): each
/// sector goes to the deadline that is least loaded by the specs-actors ordering.
///
/// specs-actors keeps a heap; its order is total (ties broken by index), so taking the least
/// deadline by a linear scan gives the same assignment.
enum DeadlineAssignment {
    struct Info {
        var index: Int
        var liveSectors: UInt64
        var totalSectors: UInt64

        func partitionsAfterAssignment(_ size: UInt64) -> UInt64 { Self.partitions(totalSectors + 1, size) }
        func compactPartitionsAfterAssignment(_ size: UInt64) -> UInt64 { Self.partitions(liveSectors + 1, size) }
        func isFullNow(_ size: UInt64) -> Bool { totalSectors % size == 0 }
        func maxPartitionsReached(_ size: UInt64, _ maxPartitions: UInt64) -> Bool {
            totalSectors >= size.multipliedReportingOverflow(by: maxPartitions).partialValue
        }

        static func partitions(_ sectors: UInt64, _ size: UInt64) -> UInt64 {
            sectors % size == 0 ? sectors / size : sectors / size + 1
        }
    }

    /// specs-actors' `Less`: v2 first puts deadlines below the partition limit ahead.
    static func less(_ a: Info, _ b: Info, size: UInt64, maxPartitions: UInt64?) -> Bool {
        if let maxPartitions {
            let aMax = a.maxPartitionsReached(size, maxPartitions)
            let bMax = b.maxPartitionsReached(size, maxPartitions)
            if aMax != bMax { return !aMax }
        }
        let aCompact = a.compactPartitionsAfterAssignment(size)
        let bCompact = b.compactPartitionsAfterAssignment(size)
        if aCompact != bCompact { return aCompact < bCompact }
        let aAfter = a.partitionsAfterAssignment(size)
        let bAfter = b.partitionsAfterAssignment(size)
        if aAfter != bAfter { return aAfter < bAfter }
        let aFull = a.isFullNow(size)
        let bFull = b.isFullNow(size)
        if aFull != bFull { return !aFull }
        if !aFull && !bFull && a.totalSectors != b.totalSectors { return a.totalSectors > b.totalSectors }
        if a.liveSectors != b.liveSectors { return a.liveSectors < b.liveSectors }
        return a.index < b.index
    }

    /// Per deadline index, the sectors assigned to it, in input order. `deadlines` holds nil for
    /// deadlines that may not take sectors. v2 (`maxPartitions` set) fails when every deadline
    /// is at the partition limit.
    static func assign(
        maxPartitions: UInt64?, partitionSize: UInt64, deadlines: [Deadline?], sectors: [SectorOnChainInfo]
    ) throws(ActorError) -> [[SectorOnChainInfo]] {
        var changes = Array(repeating: [SectorOnChainInfo](), count: deadlines.count)
        var infos: [Info] = []
        for (index, deadline) in deadlines.enumerated() {
            if let deadline { infos.append(Info(index: index, liveSectors: deadline.liveSectors, totalSectors: deadline.totalSectors)) }
        }
        guard partitionSize > 0, !infos.isEmpty else {
            if sectors.isEmpty { return changes }
            throw ActorError(.errIllegalState, "no deadline to assign sectors to")
        }
        for sector in sectors {
            var best = 0
            for candidate in 1..<infos.count
            where less(infos[candidate], infos[best], size: partitionSize, maxPartitions: maxPartitions) {
                best = candidate
            }
            if let maxPartitions, infos[best].maxPartitionsReached(partitionSize, maxPartitions) {
                throw ActorError(.errIllegalState, "maxPartitions limit \(maxPartitions) reached for all deadlines")
            }
            changes[infos[best].index].append(sector)
            infos[best].liveSectors += 1
            infos[best].totalSectors += 1
        }
        return changes
    }
}
