import DagCBOR
import FilecoinTypes

/// The deadline side of the miner's state: its deadlines, their timing, the sectors a proof
/// covers, and the early terminations still to process.
extension MinerState {
    /// `LoadDeadlines` (one charged get).
    public func loadDeadlines(_ store: any ActorStore) throws(ActorError) -> Deadlines {
        let bytes = try store.get(deadlines)
        do { return try Deadlines(cborBytes: bytes) } catch {
            throw ActorError(.errIllegalState, "failed to load deadlines (\(deadlines)): \(error)")
        }
    }

    /// `SaveDeadlines` (one charged put).
    public mutating func saveDeadlines(_ store: any ActorStore, _ value: Deadlines) throws(ActorError) {
        deadlines = try store.put(value.cborBytes)
    }

    /// The current deadline's timing at `epoch` (`DeadlineInfo`).
    public func deadlineInfo(_ epoch: Int64) -> DeadlineInfo {
        DeadlineInfo(periodStart: provingPeriodStart, index: currentDeadline, currentEpoch: epoch)
    }

    /// `QuantSpecForDeadline` of the current proving period.
    public func quantSpecForDeadline(_ index: UInt64) -> QuantSpec {
        DeadlineInfo(periodStart: provingPeriodStart, index: index, currentEpoch: 0).quantSpec
    }

    /// `QuantSpecEveryDeadline`: the end of every deadline.
    public var quantSpecEveryDeadline: QuantSpec {
        QuantSpec(unit: MinerDeadlinePolicy.wpostChallengeWindow, offset: provingPeriodStart)
    }

    func loadSectorsArray(_ store: any ActorStore) throws(ActorError) -> SectorsArray {
        try SectorsArray(loading: sectors, store: store, actorsVersion: actorsVersion)
    }

    /// Pops early terminations across deadlines within the limits (`PopEarlyTerminations`).
    mutating func popEarlyTerminations(_ store: any ActorStore, maxPartitions: UInt64, maxSectors: UInt64) throws(ActorError)
        -> (result: TerminationResult, hasMore: Bool)
    {
        guard !earlyTerminations.isEmpty else { return (TerminationResult(), false) }
        var all = try loadDeadlines(store)
        var result = TerminationResult()
        for index in earlyTerminations {
            var deadline = try all.loadDeadline(store, index)
            let (deadlineResult, more) = try deadline.popEarlyTerminations(
                store, maxPartitions: maxPartitions &- result.partitionsProcessed, maxSectors: maxSectors &- result.sectorsProcessed,
                actorsVersion: actorsVersion)
            result.add(deadlineResult)
            if !more { earlyTerminations.remove(index) }
            try all.updateDeadline(store, index, deadline, actorsVersion: actorsVersion)
            if !result.belowLimit(maxPartitions: maxPartitions, maxSectors: maxSectors) { break }
        }
        try saveDeadlines(store, all)
        return (result, !earlyTerminations.isEmpty)
    }

    /// v0 `PenalizeFundsInPriorityOrder`: takes `target` from unvested funds first (the vesting
    /// table is always read and written back), then from the unlocked balance.
    mutating func penalizeFundsInPriorityOrderV0(
        _ store: any ActorStore, epoch: Int64, target: TokenAmount, unlocked: TokenAmount
    ) throws(ActorError) -> (fromVesting: TokenAmount, fromBalance: TokenAmount) {
        let fromVesting = try unlockUnvestedFunds(store, epoch: epoch, target: target, actorsVersion: 0)
        if fromVesting == target { return (fromVesting, .zero) }
        let remaining = target - fromVesting
        return (fromVesting, min(unlocked, remaining))
    }

    /// `RescheduleSectorExpirations`: the replaced sectors' active ones expire at the end of
    /// their deadline's next window; returns them as they were.
    mutating func rescheduleSectorExpirations(
        _ store: any ActorStore, epoch: Int64, sectorSize: UInt64, _ toReschedule: DeadlineSectorMap
    ) throws(ActorError) -> [SectorOnChainInfo] {
        var all = try loadDeadlines(store)
        let sectors = try loadSectorsArray(store)
        var replaced: [SectorOnChainInfo] = []
        for (index, partitions) in toReschedule.sorted {
            let info = DeadlineInfo(periodStart: provingPeriodStart, index: index, currentEpoch: epoch).nextNotElapsed
            var deadline = try all.loadDeadline(store, index)
            replaced += try deadline.rescheduleSectorExpirations(
                store, sectors: sectors, expiration: info.last, partitions, sectorSize: sectorSize, quant: info.quantSpec,
                actorsVersion: actorsVersion)
            try all.updateDeadline(store, index, deadline, actorsVersion: actorsVersion)
        }
        try saveDeadlines(store, all)
        return replaced
    }

    /// `AssignSectorsToDeadlines`: new sectors, in number order, go to the mutable deadlines
    /// by the assignment rule; returns the power that counts at once (v2: none, until proven).
    mutating func assignSectorsToDeadlines(
        _ store: any ActorStore, epoch: Int64, _ sectors: [SectorOnChainInfo], partitionSize: UInt64, sectorSize: UInt64
    ) throws(ActorError) -> PowerPair {
        var all = try loadDeadlines(store)
        let sorted = sectors.sorted { $0.sectorNumber < $1.sectorNumber }
        var mutable = [Deadline?](repeating: nil, count: Int(MinerDeadlinePolicy.wpostPeriodDeadlines))
        try all.forEach(store) { (index, deadline) throws(ActorError) in
            if DeadlineInfo.isMutable(provingPeriodStart: provingPeriodStart, index: index, currentEpoch: epoch) {
                mutable[Int(index)] = deadline
            }
        }
        let v2 = actorsVersion >= 2
        let assignment: [[SectorOnChainInfo]]
        do {
            assignment = try DeadlineAssignment.assign(
                maxPartitions: v2 ? MinerDeadlinePolicy.maxPartitionsPerDeadline : nil, partitionSize: partitionSize,
                deadlines: mutable, sectors: sorted)
        } catch {
            throw ActorError(error.code, "failed to assign sectors to deadlines: \(error.message)")
        }
        var activated = PowerPair.zero
        for (index, assigned) in assignment.enumerated() where !assigned.isEmpty {
            guard var deadline = mutable[index] else { continue }
            activated += try deadline.addSectors(
                store, partitionSize: partitionSize, proven: false, assigned, sectorSize: sectorSize,
                quant: quantSpecForDeadline(UInt64(index)), actorsVersion: actorsVersion)
            try all.updateDeadline(store, UInt64(index), deadline, actorsVersion: actorsVersion)
        }
        try saveDeadlines(store, all)
        return activated
    }
}
