import BigInt
import DagCBOR
import FilecoinTypes

/// The partitions proven in one of the 48 window PoSt deadlines (specs-actors `Deadline`):
/// `[Partitions, ExpirationsEpochs, PostSubmissions, EarlyTerminations, LiveSectors, TotalSectors, FaultyPower]`.
///
/// Invariants: live sectors at most total sectors; faulty power not negative (v2 checks both
/// when the deadline is stored).
public struct Deadline: Hashable, Sendable, CBORCodable {
    /// AMT[partition index]Partition; indices are contiguous from 0.
    public var partitions: CID
    /// AMT[epoch]Bitfield of partition indices with sectors expiring (or faults expiring) then.
    public var expirationsEpochs: CID
    /// Partitions proven in the current proving period.
    public var postSubmissions: Bitfield
    /// Partitions with early terminations still to process.
    public var earlyTerminations: Bitfield
    public var liveSectors: UInt64
    public var totalSectors: UInt64
    public var faultyPower: PowerPair

    public init(emptyArray: CID) {
        partitions = emptyArray
        expirationsEpochs = emptyArray
        postSubmissions = Bitfield()
        earlyTerminations = Bitfield()
        liveSectors = 0
        totalSectors = 0
        faultyPower = .zero
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 7)
        partitions = try reader.readCID()
        expirationsEpochs = try reader.readCID()
        postSubmissions = try Bitfield(from: &reader)
        earlyTerminations = try Bitfield(from: &reader)
        liveSectors = try reader.readUnsigned()
        totalSectors = try reader.readUnsigned()
        faultyPower = try PowerPair(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(7)
        writer.writeCID(partitions)
        writer.writeCID(expirationsEpochs)
        postSubmissions.encode(to: &writer)
        earlyTerminations.encode(to: &writer)
        writer.writeUnsigned(liveSectors)
        writer.writeUnsigned(totalSectors)
        faultyPower.encode(to: &writer)
    }

    func validate() throws(ActorError) {
        if liveSectors > totalSectors { throw ActorError(.errIllegalState, "Deadline left with more live sectors than total") }
        if faultyPower.isNegative { throw ActorError(.errIllegalState, "Deadline left with negative faulty power") }
    }

    // MARK: Partitions

    /// The partitions AMT, typed.
    final class Partitions {
        let amt: ActorAMT
        let actorsVersion: Int

        init(loading root: CID, store: any ActorStore, actorsVersion: Int) throws(ActorError) {
            amt = try ActorAMT(loading: root, store: store)
            self.actorsVersion = actorsVersion
        }

        var count: UInt64 { amt.count }

        func get(_ index: UInt64) throws(ActorError) -> Partition? {
            guard let bytes = try amt.get(index) else { return nil }
            return try Partition.decode(bytes, actorsVersion: actorsVersion)
        }

        /// The partition at `index`; a missing one is ErrNotFound.
        func load(_ index: UInt64) throws(ActorError) -> Partition {
            guard let partition = try get(index) else { throw ActorError(.errNotFound, "no such partition \(index)") }
            return partition
        }

        func set(_ index: UInt64, _ partition: Partition) throws(ActorError) {
            try amt.set(index, partition.cborBytes)
        }

        func forEach(_ body: (UInt64, Partition) throws(ActorError) -> Bool) throws(ActorError) {
            try MinerAMT.forEach(amt) { (index, bytes) throws(ActorError) in
                try body(index, try Partition.decode(bytes, actorsVersion: actorsVersion))
            }
        }

        func root() throws(ActorError) -> CID { try amt.flush() }
    }

    func partitionsArray(_ store: any ActorStore, actorsVersion: Int) throws(ActorError) -> Partitions {
        try Partitions(loading: partitions, store: store, actorsVersion: actorsVersion)
    }

    func loadPartition(_ store: any ActorStore, _ index: UInt64, actorsVersion: Int) throws(ActorError) -> Partition {
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        guard let partition = try array.get(index) else { throw ActorError(.errNotFound, "no partition \(index)") }
        return partition
    }

    /// Schedules the partitions for a check at `expiration` (quantized).
    mutating func addExpirationPartitions(_ store: any ActorStore, expiration: Int64, _ indices: [UInt64], quant: QuantSpec) throws(ActorError) {
        guard !indices.isEmpty else { return }
        let queue = try BitfieldQueue(loading: expirationsEpochs, store: store, quant: quant)
        try queue.add(expiration, values: indices)
        expirationsEpochs = try queue.root()
    }

    // MARK: Sectors

    /// Adds sectors, filling the last partition first, then new ones of `partitionSize`.
    /// Returns the power to count now (v2: none unless `proven`).
    mutating func addSectors(
        _ store: any ActorStore, partitionSize: UInt64, proven: Bool, _ sectors: [SectorOnChainInfo], sectorSize: UInt64,
        quant: QuantSpec, actorsVersion: Int
    ) throws(ActorError) -> PowerPair {
        guard !sectors.isEmpty else { return .zero }
        var updates: [Int64: [UInt64]] = [:]
        var activated = PowerPair.zero
        liveSectors += UInt64(sectors.count)
        totalSectors += UInt64(sectors.count)
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        var index = array.count
        if index > 0 { index -= 1 }
        var rest = sectors[...]
        while !rest.isEmpty {
            defer { index += 1 }
            var partition: Partition
            if let existing = try array.get(index) {
                partition = existing
            } else {
                partition = Partition(emptyArray: try ActorAMT(store: store).flush(), actorsVersion: actorsVersion)
            }
            let count = partition.sectors.count
            if count >= partitionSize { continue }
            let size = Swift.min(partitionSize - count, UInt64(rest.count))
            let chunk = Array(rest.prefix(Int(size)))
            rest = rest.dropFirst(Int(size))
            activated += try partition.addSectors(store: store, proven: proven, chunk, sectorSize: sectorSize, quant: quant)
            try array.set(index, partition)
            for sector in chunk {
                let list = updates[sector.expiration] ?? []
                if let last = list.last, last == index { continue }
                updates[sector.expiration] = list + [index]
            }
        }
        partitions = try array.root()
        let queue = try BitfieldQueue(loading: expirationsEpochs, store: store, quant: quant)
        try queue.addMany(updates)
        expirationsEpochs = try queue.root()
        return activated
    }

    /// Pops the sectors expiring up to `until` from the partitions scheduled by then.
    mutating func popExpiredSectors(_ store: any ActorStore, until: Int64, quant: QuantSpec, actorsVersion: Int) throws(ActorError) -> ExpirationSet {
        let queue = try BitfieldQueue(loading: expirationsEpochs, store: store, quant: quant)
        let (expired, modified) = try queue.popUntil(until)
        guard modified else { return ExpirationSet() }
        expirationsEpochs = try queue.root()
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        var onTime: [Bitfield] = []
        var early: [Bitfield] = []
        var result = ExpirationSet()
        var withEarly: [UInt64] = []
        for index in expired {
            guard var partition = try array.get(index) else {
                throw ActorError(.errIllegalState, "missing expected partition \(index)")
            }
            let popped = try partition.popExpiredSectors(store: store, until: until, quant: quant)
            onTime.append(popped.onTimeSectors)
            early.append(popped.earlySectors)
            result.activePower += popped.activePower
            result.faultyPower += popped.faultyPower
            result.onTimePledge += popped.onTimePledge
            if !popped.earlySectors.isEmpty { withEarly.append(index) }
            try array.set(index, partition)
        }
        partitions = try array.root()
        for index in withEarly { try? earlyTerminations.insert(index) }
        result.onTimeSectors = Bitfield.union(onTime)
        result.earlySectors = Bitfield.union(early)
        liveSectors &-= result.onTimeSectors.count + result.earlySectors.count
        faultyPower -= result.faultyPower
        return result
    }

    /// Pops early terminations from the partitions that have them, within the limits.
    mutating func popEarlyTerminations(
        _ store: any ActorStore, maxPartitions: UInt64, maxSectors: UInt64, actorsVersion: Int
    ) throws(ActorError) -> (result: TerminationResult, hasMore: Bool) {
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        var finished: [UInt64] = []
        var result = TerminationResult()
        for index in earlyTerminations {
            guard var partition = try array.get(index) else {
                finished.append(index)
                continue
            }
            let (partResult, more) = try partition.popEarlyTerminations(store: store, maxSectors: maxSectors &- result.sectorsProcessed)
            result.add(partResult)
            if !more { finished.append(index) }
            try array.set(index, partition)
            if !result.belowLimit(maxPartitions: maxPartitions, maxSectors: maxSectors) { break }
        }
        for index in finished { earlyTerminations.remove(index) }
        partitions = try array.root()
        return (result, !earlyTerminations.isEmpty)
    }

    /// Terminates sectors by partition; returns the active power lost.
    mutating func terminateSectors(
        _ store: any ActorStore, sectors: SectorsArray, epoch: Int64, _ partitionSectors: PartitionSectorMap,
        sectorSize: UInt64, quant: QuantSpec, actorsVersion: Int
    ) throws(ActorError) -> PowerPair {
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        var powerLost = PowerPair.zero
        for (index, numbers) in partitionSectors.sorted {
            guard var partition = try array.get(index) else {
                throw ActorError(.errNotFound, "failed to find partition \(index)")
            }
            let removed = try partition.terminateSectors(
                store: store, sectorsArray: sectors, epoch: epoch, numbers, sectorSize: sectorSize, quant: quant)
            try array.set(index, partition)
            let count = removed.count
            if count > 0 {
                try? earlyTerminations.insert(index)
                liveSectors &-= count
            }
            faultyPower -= removed.faultyPower
            powerLost += removed.activePower
        }
        partitions = try array.root()
        return powerLost
    }

    /// Removes whole partitions without faults (compaction); returns their live and dead
    /// sectors and the live power removed.
    mutating func removePartitions(
        _ store: any ActorStore, _ toRemove: Bitfield, quant: QuantSpec, actorsVersion: Int
    ) throws(ActorError) -> (live: Bitfield, dead: Bitfield, power: PowerPair) {
        let old = try partitionsArray(store, actorsVersion: actorsVersion)
        let count = old.count
        if toRemove.count > count {
            throw ActorError(.errIllegalArgument, "failed to expand partitions into map: too many partitions")
        }
        guard !toRemove.isEmpty else { return (Bitfield(), Bitfield(), .zero) }
        if let last = toRemove.last, last >= count {
            throw ActorError(.errIllegalArgument, "partition index \(last) out of range [0, \(count))")
        }
        guard earlyTerminations.isEmpty else {
            throw ActorError(.errIllegalState, "cannot remove partitions from deadline with early terminations")
        }
        let kept = ActorAMT(store: store)
        var dead: [Bitfield] = []
        var live: [Bitfield] = []
        var power = PowerPair.zero
        try MinerAMT.forEach(old.amt) { (index, bytes) throws(ActorError) in
            guard toRemove.contains(index) else {
                try kept.set(kept.count, bytes)
                return true
            }
            let partition = try Partition.decode(bytes, actorsVersion: actorsVersion)
            guard partition.faults.isEmpty else {
                throw ActorError(.errIllegalArgument, "cannot remove partition \(index): has faults")
            }
            if actorsVersion >= 2, !partition.unproven.isEmpty {
                throw ActorError(.errIllegalArgument, "cannot remove partition \(index): has unproven sectors")
            }
            dead.append(partition.terminated)
            live.append(partition.liveSectors)
            power += partition.livePower
            return true
        }
        partitions = try kept.flush()
        let deadSectors = Bitfield.union(dead)
        let liveSectorsRemoved = Bitfield.union(live)
        liveSectors &-= liveSectorsRemoved.count
        totalSectors &-= liveSectorsRemoved.count + deadSectors.count
        let queue = try BitfieldQueue(loading: expirationsEpochs, store: store, quant: quant)
        try queue.cut(toRemove)
        expirationsEpochs = try queue.root()
        return (liveSectorsRemoved, deadSectors, power)
    }

    /// Declares faults by partition; returns the power delta (v2) and records the partitions'
    /// fault expirations. v0 returns the new faulty power as a negative delta.
    mutating func declareFaults(
        _ store: any ActorStore, sectors: SectorsArray, sectorSize: UInt64, quant: QuantSpec, faultExpiration: Int64,
        _ partitionSectors: PartitionSectorMap, actorsVersion: Int
    ) throws(ActorError) -> (powerDelta: PowerPair, newFaultyPower: PowerPair) {
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        var withFault: [UInt64] = []
        var powerDelta = PowerPair.zero
        var newFaultyPower = PowerPair.zero
        for (index, numbers) in partitionSectors.sorted {
            var partition = try array.load(index)
            let declared = try partition.declareFaults(
                store: store, sectorsArray: sectors, numbers, faultExpiration: faultExpiration, sectorSize: sectorSize, quant: quant)
            newFaultyPower += declared.newFaultyPower
            powerDelta += declared.powerDelta
            if !declared.newFaults.isEmpty { withFault.append(index) }
            try array.set(index, partition)
        }
        partitions = try array.root()
        try addExpirationPartitions(store, expiration: faultExpiration, withFault, quant: quant)
        faultyPower += newFaultyPower
        return (powerDelta, newFaultyPower)
    }

    /// Declares recoveries by partition.
    mutating func declareFaultsRecovered(
        _ store: any ActorStore, sectors: SectorsArray, sectorSize: UInt64, _ partitionSectors: PartitionSectorMap, actorsVersion: Int
    ) throws(ActorError) {
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        for (index, numbers) in partitionSectors.sorted {
            var partition = try array.load(index)
            do {
                try partition.declareFaultsRecovered(sectorsArray: sectors, sectorSize: sectorSize, numbers)
            } catch {
                // specs-actors wraps this failure as illegal state whatever its cause.
                throw MinerAMT.rewrap(error, .errIllegalState, "failed to add recoveries")
            }
            try array.set(index, partition)
        }
        partitions = try array.root()
    }

    /// The end of the deadline: every partition not proven becomes faulty. Returns the power
    /// delta (v2), the penalized power (v2) or failed recovery power (v0), and the new faulty power.
    mutating func processDeadlineEnd(
        _ store: any ActorStore, quant: QuantSpec, faultExpiration: Int64, actorsVersion: Int
    ) throws(ActorError) -> (powerDelta: PowerPair, penalizedPower: PowerPair, newFaultyPower: PowerPair) {
        var powerDelta = PowerPair.zero
        var penalized = PowerPair.zero
        var newFaulty = PowerPair.zero
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        var detectedAny = false
        var rescheduled: [UInt64] = []
        var index: UInt64 = 0
        while index < array.count {
            defer { index += 1 }
            if postSubmissions.contains(index) { continue }
            guard var partition = try array.get(index) else { throw ActorError(.errIllegalState, "no partition \(index)") }
            if partition.recoveringPower.isZero && partition.faultyPower == partition.livePower { continue }
            detectedAny = true
            let missed = try partition.recordMissedPoSt(store: store, faultExpiration: faultExpiration, quant: quant)
            if !missed.newFaultyPower.isZero { rescheduled.append(index) }
            try array.set(index, partition)
            newFaulty += missed.newFaultyPower
            powerDelta += missed.powerDelta
            penalized += missed.penalizedPower
        }
        if detectedAny { partitions = try array.root() }
        try addExpirationPartitions(store, expiration: faultExpiration, rescheduled, quant: quant)
        faultyPower += newFaulty
        postSubmissions = Bitfield()
        return (powerDelta, penalized, newFaulty)
    }

    /// What a window PoSt changed (specs-actors `PoStResult`).
    struct PoStResult {
        var powerDelta = PowerPair.zero
        var newFaultyPower = PowerPair.zero
        var retractedRecoveryPower = PowerPair.zero
        var recoveredPower = PowerPair.zero
        /// Every sector of the proven partitions.
        var sectors = Bitfield()
        /// Their faulty and terminated sectors, left out of the proof.
        var ignoredSectors = Bitfield()

        var penaltyPower: PowerPair { newFaultyPower + retractedRecoveryPower }
    }

    /// Records a proof of `postPartitions` (already-proven ones skipped): skipped sectors become
    /// faults, recoveries recover and (v2) unproven sectors activate.
    mutating func recordProvenSectors(
        _ store: any ActorStore, sectors: SectorsArray, sectorSize: UInt64, quant: QuantSpec, faultExpiration: Int64,
        _ postPartitions: [PoStPartition], actorsVersion: Int
    ) throws(ActorError) -> PoStResult {
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        var all: [Bitfield] = []
        var ignored: [Bitfield] = []
        var result = PoStResult()
        var rescheduled: [UInt64] = []
        for post in postPartitions {
            if postSubmissions.contains(post.index) { continue }
            var partition = try array.load(post.index)
            let skippedSectors: Bitfield
            do { skippedSectors = try post.skipped.decoded() } catch {
                throw ActorError(.errIllegalArgument, "failed to check if skipped sectors is empty: \(error)")
            }
            let skipped = try partition.recordSkippedFaults(
                store: store, sectorsArray: sectors, sectorSize: sectorSize, quant: quant, faultExpiration: faultExpiration,
                skipped: skippedSectors)
            let hasNewFaults = actorsVersion >= 2 ? skipped.hasNewFaults : !skipped.newFaultyPower.isZero
            if hasNewFaults { rescheduled.append(post.index) }
            let recovered = try partition.recoverFaults(store: store, sectorsArray: sectors, sectorSize: sectorSize, quant: quant)
            var delta = skipped.powerDelta
            if actorsVersion >= 2 { delta += partition.activateUnproven() }
            try array.set(post.index, partition)
            result.newFaultyPower += skipped.newFaultyPower
            result.retractedRecoveryPower += skipped.retractedRecoveryPower
            result.recoveredPower += recovered
            result.powerDelta += delta + recovered
            try? postSubmissions.insert(post.index)
            all.append(partition.sectors)
            ignored.append(partition.faults)
            ignored.append(partition.terminated)
        }
        try addExpirationPartitions(store, expiration: faultExpiration, rescheduled, quant: quant)
        faultyPower = faultyPower - result.recoveredPower + result.newFaultyPower
        partitions = try array.root()
        result.sectors = Bitfield.union(all)
        result.ignoredSectors = Bitfield.union(ignored)
        if actorsVersion < 2 { result.powerDelta = result.recoveredPower - result.newFaultyPower }
        return result
    }

    /// Moves the active sectors among `partitionSectors` to expire at `expiration`; returns
    /// their infos as they were.
    mutating func rescheduleSectorExpirations(
        _ store: any ActorStore, sectors: SectorsArray, expiration: Int64, _ partitionSectors: PartitionSectorMap,
        sectorSize: UInt64, quant: QuantSpec, actorsVersion: Int
    ) throws(ActorError) -> [SectorOnChainInfo] {
        let array = try partitionsArray(store, actorsVersion: actorsVersion)
        var rescheduled: [UInt64] = []
        var replaced: [SectorOnChainInfo] = []
        for (index, numbers) in partitionSectors.sorted {
            guard var partition = try array.get(index) else { continue }
            let moved = try partition.rescheduleExpirations(
                store: store, sectorsArray: sectors, newExpiration: expiration, numbers, sectorSize: sectorSize, quant: quant)
            if moved.isEmpty { continue }
            replaced.append(contentsOf: moved)
            rescheduled.append(index)
            try array.set(index, partition)
        }
        if !rescheduled.isEmpty {
            partitions = try array.root()
            try addExpirationPartitions(store, expiration: expiration, rescheduled, quant: quant)
        }
        return replaced
    }
}

/// A partition a window PoSt proves, with the sectors it skipped: `[Index, Skipped]`.
///
/// `skipped` stays unvalidated until the partition is processed, where specs-actors first reads it.
public struct PoStPartition: Hashable, Sendable, CBORCodable {
    public var index: UInt64
    public var skipped: UnvalidatedBitfield

    public init(index: UInt64, skipped: Bitfield = Bitfield()) {
        self.index = index
        self.skipped = UnvalidatedBitfield(skipped)
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 2)
        index = try reader.readUnsigned()
        skipped = try UnvalidatedBitfield(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(2)
        writer.writeUnsigned(index)
        skipped.encode(to: &writer)
    }
}
