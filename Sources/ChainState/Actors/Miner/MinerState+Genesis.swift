/// What a genesis does to a miner's state directly (Lotus's genesis `EraseAllUnproven`).
extension MinerState {
    /// Counts every unproven sector of every partition as proven and returns their power. Genesis
    /// claims the power of its presealed sectors itself (their proofs are taken as given), so they
    /// must not be activated, and claimed again, by the miner's first window PoSt.
    public mutating func activateAllUnproven(_ store: any ActorStore) throws(ActorError) -> PowerPair {
        var all = try loadDeadlines(store)
        var activated = PowerPair.zero
        for index in 0..<UInt64(all.due.count) {
            var deadline = try all.loadDeadline(store, index)
            let partitions = try deadline.partitionsArray(store, actorsVersion: actorsVersion)
            var changed: [(UInt64, Partition)] = []
            try partitions.forEach { (partitionIndex, partition) throws(ActorError) in
                var partition = partition
                let power = partition.activateUnproven()
                if !power.isZero {
                    activated += power
                    changed.append((partitionIndex, partition))
                }
                return true
            }
            guard !changed.isEmpty else { continue }
            for (partitionIndex, partition) in changed { try partitions.set(partitionIndex, partition) }
            deadline.partitions = try partitions.root()
            try all.updateDeadline(store, index, deadline, actorsVersion: actorsVersion)
        }
        try saveDeadlines(store, all)
        return activated
    }
}
