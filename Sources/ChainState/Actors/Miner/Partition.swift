import BigInt
import DagCBOR
import FilecoinTypes

/// A group of up to a proof's partition size of sectors proven together in one window PoSt
/// (specs-actors `Partition`). v2 adds the unproven sectors (added but not yet proven, whose
/// power counts only after their first PoSt); v0 has neither field nor state.
///
/// Invariants (`ValidateState`): faults, unproven and terminated sectors are sectors of the
/// partition, terminated ones in no other state; recoveries are faults; no power negative,
/// unproven and faulty power at most the live power, recovering power at most the faulty power.
public struct Partition: Hashable, Sendable {
    public var sectors: Bitfield
    public var unproven: Bitfield
    public var faults: Bitfield
    public var recoveries: Bitfield
    public var terminated: Bitfield
    /// AMT[epoch]ExpirationSet, quantized to the deadline's last epoch.
    public var expirationsEpochs: CID
    /// AMT[epoch]Bitfield, not quantized.
    public var earlyTerminated: CID
    public var livePower: PowerPair
    public var unprovenPower: PowerPair
    public var faultyPower: PowerPair
    public var recoveringPower: PowerPair
    /// 0 or 2: the layout and rules this partition follows.
    public var actorsVersion: Int

    public init(emptyArray: CID, actorsVersion: Int) {
        sectors = Bitfield()
        unproven = Bitfield()
        faults = Bitfield()
        recoveries = Bitfield()
        terminated = Bitfield()
        expirationsEpochs = emptyArray
        earlyTerminated = emptyArray
        livePower = .zero
        unprovenPower = .zero
        faultyPower = .zero
        recoveringPower = .zero
        self.actorsVersion = actorsVersion
    }

    var isV2: Bool { actorsVersion >= 2 }

    public var liveSectors: Bitfield { sectors.subtracting(terminated) }
    public var activeSectors: Bitfield { liveSectors.subtracting(faults).subtracting(unproven) }
    public var activePower: PowerPair { livePower - faultyPower - unprovenPower }

    func expirationQueue(_ store: any ActorStore, _ quant: QuantSpec) throws(ActorError) -> ExpirationQueue {
        try ExpirationQueue(loading: expirationsEpochs, store: store, quant: quant, actorsVersion: actorsVersion)
    }

    // MARK: Adding and proving

    /// Adds new sectors; in v2 unproven unless `proven`. Returns the power to add now (v0: all).
    mutating func addSectors(
        store: any ActorStore, proven: Bool, _ infos: [SectorOnChainInfo], sectorSize: UInt64, quant: QuantSpec
    ) throws(ActorError) -> PowerPair {
        let queue = try expirationQueue(store, quant)
        let (numbers, power, _) = try queue.addActiveSectors(infos, sectorSize: sectorSize)
        expirationsEpochs = try queue.root()
        guard sectors.isDisjoint(with: numbers) else { throw ActorError(.errIllegalState, "not all added sectors are new") }
        sectors = sectors.union(numbers)
        livePower += power
        var provenPower = power
        if isV2, !proven {
            unprovenPower += power
            unproven = unproven.union(numbers)
            provenPower = .zero
        }
        try validate()
        return provenPower
    }

    /// v2: counts the unproven sectors as proven; returns their power.
    mutating func activateUnproven() -> PowerPair {
        let power = unprovenPower
        unprovenPower = .zero
        unproven = Bitfield()
        return power
    }

    // MARK: Faults and recoveries

    /// Marks sectors faulty; returns the power delta (v2: minus the new faults' proven power)
    /// and the new faulty power.
    mutating func addFaults(
        store: any ActorStore, _ numbers: Bitfield, _ infos: [SectorOnChainInfo], faultExpiration: Int64,
        sectorSize: UInt64, quant: QuantSpec
    ) throws(ActorError) -> (powerDelta: PowerPair, newFaultyPower: PowerPair) {
        let queue = try expirationQueue(store, quant)
        let newFaultyPower = try queue.rescheduleAsFaults(faultExpiration, infos, sectorSize: sectorSize)
        expirationsEpochs = try queue.root()
        faults = faults.union(numbers)
        faultyPower += newFaultyPower
        var powerDelta = -newFaultyPower
        if isV2 {
            let unprovenNumbers = numbers.intersection(unproven)
            unproven = unproven.subtracting(unprovenNumbers)
            let unprovenInfos = try SectorsArray.select(infos, unprovenNumbers)
            if !unprovenInfos.isEmpty {
                let lost = unprovenInfos.power(sectorSize: sectorSize)
                unprovenPower -= lost
                powerDelta += lost
            }
        }
        try validate()
        return (powerDelta, newFaultyPower)
    }

    /// Declares sectors faulty (a declared fault retracts a pending recovery instead).
    mutating func declareFaults(
        store: any ActorStore, sectorsArray: SectorsArray, _ numbers: Bitfield, faultExpiration: Int64,
        sectorSize: UInt64, quant: QuantSpec
    ) throws(ActorError) -> (newFaults: Bitfield, powerDelta: PowerPair, newFaultyPower: PowerPair) {
        try validateContains(numbers)
        let retracted = recoveries.intersection(numbers)
        let newFaults = numbers.subtracting(retracted).subtracting(terminated).subtracting(faults)
        var powerDelta = PowerPair.zero
        var newFaultyPower = PowerPair.zero
        let newFaultInfos = try sectorsArray.load(newFaults)
        if !newFaultInfos.isEmpty {
            (powerDelta, newFaultyPower) = try addFaults(
                store: store, newFaults, newFaultInfos, faultExpiration: faultExpiration, sectorSize: sectorSize, quant: quant)
        }
        let retractedInfos = try sectorsArray.load(retracted)
        if !retractedInfos.isEmpty {
            removeRecoveries(retracted, power: retractedInfos.power(sectorSize: sectorSize))
        }
        try validate()
        if !isV2 { powerDelta = .zero }
        return (newFaults, powerDelta, newFaultyPower)
    }

    /// Makes the declared recoveries active again; returns their power.
    mutating func recoverFaults(
        store: any ActorStore, sectorsArray: SectorsArray, sectorSize: UInt64, quant: QuantSpec
    ) throws(ActorError) -> PowerPair {
        let infos = try sectorsArray.load(recoveries)
        let queue = try expirationQueue(store, quant)
        let power = try queue.rescheduleRecovered(infos, sectorSize: sectorSize)
        expirationsEpochs = try queue.root()
        faults = faults.subtracting(recoveries)
        recoveries = Bitfield()
        faultyPower -= power
        recoveringPower -= power
        try validate()
        return power
    }

    /// Declares faulty sectors recovering (they count again after the next PoSt).
    mutating func declareFaultsRecovered(sectorsArray: SectorsArray, sectorSize: UInt64, _ numbers: Bitfield) throws(ActorError) {
        try validateContains(numbers)
        let newRecoveries = numbers.intersection(faults).subtracting(recoveries)
        let infos = try sectorsArray.load(newRecoveries)
        recoveries = recoveries.union(newRecoveries)
        recoveringPower += infos.power(sectorSize: sectorSize)
        try validate()
    }

    mutating func removeRecoveries(_ numbers: Bitfield, power: PowerPair) {
        guard !numbers.isEmpty else { return }
        recoveries = recoveries.subtracting(numbers)
        recoveringPower -= power
    }

    /// The sectors must all belong to the partition (`validatePartitionContainsSectors`).
    func validateContains(_ numbers: Bitfield) throws(ActorError) {
        guard numbers.isSubset(of: sectors) else {
            throw ActorError(.errIllegalArgument, "failed fault declaration: not all sectors are assigned to the partition")
        }
    }

    // MARK: Expirations and terminations

    /// Moves the active sectors among `numbers` to expire at `newExpiration`; returns (v2) their
    /// infos as they were, or (v0) their numbers.
    mutating func rescheduleExpirations(
        store: any ActorStore, sectorsArray: SectorsArray, newExpiration: Int64, _ numbers: Bitfield,
        sectorSize: UInt64, quant: QuantSpec
    ) throws(ActorError) -> [SectorOnChainInfo] {
        let active = numbers.intersection(sectors).subtracting(terminated).subtracting(faults)
        let infos = try sectorsArray.load(active)
        let queue = try expirationQueue(store, quant)
        try queue.rescheduleExpirations(newExpiration, infos, sectorSize: sectorSize)
        expirationsEpochs = try queue.root()
        try validate()
        return infos
    }

    /// Replaces active sectors by new ones (sector extension); returns the power and pledge deltas.
    mutating func replaceSectors(
        store: any ActorStore, old: [SectorOnChainInfo], new: [SectorOnChainInfo], sectorSize: UInt64, quant: QuantSpec
    ) throws(ActorError) -> (power: PowerPair, pledge: TokenAmount) {
        let queue = try expirationQueue(store, quant)
        let replaced = try queue.replaceSectors(old: old, new: new, sectorSize: sectorSize)
        expirationsEpochs = try queue.root()
        guard replaced.old.isSubset(of: activeSectors) else {
            throw ActorError(.errIllegalState, "refusing to replace inactive sectors in \(replaced.old)")
        }
        sectors = sectors.subtracting(replaced.old).union(replaced.new)
        livePower += replaced.power
        try validate()
        return (replaced.power, replaced.pledge)
    }

    mutating func recordEarlyTermination(store: any ActorStore, epoch: Int64, _ numbers: Bitfield) throws(ActorError) {
        let queue = try BitfieldQueue(loading: earlyTerminated, store: store, quant: .none)
        try queue.add(epoch, numbers)
        earlyTerminated = try queue.root()
    }

    /// Terminates live sectors at `epoch`; returns what was removed from the expiration queue
    /// (v2: its active power less the unproven sectors' power).
    mutating func terminateSectors(
        store: any ActorStore, sectorsArray: SectorsArray, epoch: Int64, _ numbers: Bitfield, sectorSize: UInt64, quant: QuantSpec
    ) throws(ActorError) -> ExpirationSet {
        guard numbers.isSubset(of: liveSectors) else {
            throw ActorError(.errIllegalArgument, "can only terminate live sectors")
        }
        let infos = try sectorsArray.load(numbers)
        let queue = try expirationQueue(store, quant)
        var (removed, removedRecovering) = try queue.removeSectors(infos, faults: faults, recovering: recoveries, sectorSize: sectorSize)
        expirationsEpochs = try queue.root()
        let removedSectors = removed.onTimeSectors.union(removed.earlySectors)
        try recordEarlyTermination(store: store, epoch: epoch, removedSectors)
        let unprovenNumbers = removedSectors.intersection(unproven)
        faults = faults.subtracting(removedSectors)
        recoveries = recoveries.subtracting(removedSectors)
        terminated = terminated.union(removedSectors)
        livePower = livePower - removed.activePower - removed.faultyPower
        faultyPower -= removed.faultyPower
        recoveringPower -= removedRecovering
        if isV2 {
            unproven = unproven.subtracting(unprovenNumbers)
            let removedUnprovenPower = try SectorsArray.select(infos, unprovenNumbers).power(sectorSize: sectorSize)
            unprovenPower -= removedUnprovenPower
            removed.activePower -= removedUnprovenPower
        }
        try validate()
        return removed
    }

    /// Pops the sectors expiring up to `until` (on time, or early after a long fault) and marks
    /// them terminated; early ones are queued for termination fees.
    mutating func popExpiredSectors(store: any ActorStore, until: Int64, quant: QuantSpec) throws(ActorError) -> ExpirationSet {
        if isV2, !unproven.isEmpty {
            throw ActorError(.errIllegalState, "cannot pop expired sectors from a partition with unproven sectors")
        }
        let queue = try expirationQueue(store, quant)
        let popped = try queue.popUntil(until)
        expirationsEpochs = try queue.root()
        let expired = popped.onTimeSectors.union(popped.earlySectors)
        guard recoveries.isEmpty else { throw ActorError(.errIllegalState, "unexpected recoveries while processing expirations") }
        guard recoveringPower.isZero else {
            throw ActorError(.errIllegalState, "unexpected recovering power while processing expirations")
        }
        guard terminated.isDisjoint(with: expired) else { throw ActorError(.errIllegalState, "expiring sectors already terminated") }
        terminated = terminated.union(expired)
        faults = faults.subtracting(expired)
        livePower -= popped.activePower + popped.faultyPower
        faultyPower -= popped.faultyPower
        try recordEarlyTermination(store: store, epoch: until, popped.earlySectors)
        try validate()
        return popped
    }

    /// A missed PoSt: every live sector becomes faulty. Returns the power delta (v2), the
    /// penalized power (v2: recovering plus new faulty; v0: the failed recoveries) and the new
    /// faulty power.
    mutating func recordMissedPoSt(store: any ActorStore, faultExpiration: Int64, quant: QuantSpec) throws(ActorError)
        -> (powerDelta: PowerPair, penalizedPower: PowerPair, newFaultyPower: PowerPair)
    {
        let queue = try expirationQueue(store, quant)
        try queue.rescheduleAllAsFaults(faultExpiration)
        expirationsEpochs = try queue.root()
        let newFaultyPower = livePower - faultyPower
        let penalizedPower = isV2 ? recoveringPower + newFaultyPower : recoveringPower
        let powerDelta = -(newFaultyPower - unprovenPower)
        faults = liveSectors
        recoveries = Bitfield()
        unproven = Bitfield()
        faultyPower = livePower
        recoveringPower = .zero
        unprovenPower = .zero
        try validate()
        return (powerDelta, penalizedPower, newFaultyPower)
    }

    /// Pops up to `maxSectors` early-terminated sectors, oldest first; `hasMore` when some remain.
    mutating func popEarlyTerminations(store: any ActorStore, maxSectors: UInt64) throws(ActorError)
        -> (result: TerminationResult, hasMore: Bool)
    {
        let queue = try BitfieldQueue(loading: earlyTerminated, store: store, quant: .none)
        var processed: [UInt64] = []
        var remaining: (epoch: UInt64, sectors: Bitfield)?
        var result = TerminationResult()
        result.partitionsProcessed = 1
        try queue.forEach { (epoch, numbers) throws(ActorError) in
            var toProcess = numbers
            let count = numbers.count
            let limit = maxSectors &- result.sectorsProcessed
            if limit < count {
                do { toProcess = try numbers.slice(start: 0, count: limit) } catch {
                    throw ActorError(.errIllegalState, "failed to slice early terminations: \(error)")
                }
                remaining = (epoch, numbers.subtracting(toProcess))
                result.sectorsProcessed += limit
            } else {
                processed.append(epoch)
                result.sectorsProcessed += count
            }
            result.sectors[Int64(bitPattern: epoch)] = toProcess
            return result.sectorsProcessed < maxSectors
        }
        try MinerAMT.batchDelete(queue.amt, processed)
        if let remaining { try queue.set(remaining.epoch, remaining.sectors) }
        earlyTerminated = try queue.root()
        try validate()
        return (result, queue.count > 0)
    }

    /// Sectors a PoSt skipped become faults (retracting their recoveries). Returns the power
    /// delta (v2), the new faulty power, the retracted recovery power and whether any fault is new.
    mutating func recordSkippedFaults(
        store: any ActorStore, sectorsArray: SectorsArray, sectorSize: UInt64, quant: QuantSpec, faultExpiration: Int64,
        skipped: Bitfield
    ) throws(ActorError) -> (powerDelta: PowerPair, newFaultyPower: PowerPair, retractedRecoveryPower: PowerPair, hasNewFaults: Bool) {
        guard !skipped.isEmpty else { return (.zero, .zero, .zero, false) }
        guard skipped.isSubset(of: sectors) else {
            throw ActorError(.errIllegalArgument, "skipped faults contains sectors outside partition")
        }
        let retracted = recoveries.intersection(skipped)
        let retractedPower = try sectorsArray.load(retracted).power(sectorSize: sectorSize)
        let newFaults = skipped.subtracting(terminated).subtracting(faults)
        let newFaultInfos = try sectorsArray.load(newFaults)
        let (powerDelta, newFaultyPower) = try addFaults(
            store: store, newFaults, newFaultInfos, faultExpiration: faultExpiration, sectorSize: sectorSize, quant: quant)
        removeRecoveries(retracted, power: retractedPower)
        try validate()
        return (powerDelta, newFaultyPower, retractedPower, !newFaultInfos.isEmpty)
    }

    // MARK: Validation

    /// v2 `ValidateState` (v0 checked nothing).
    func validate() throws(ActorError) {
        guard isV2 else { return }
        if livePower.isNegative { throw ActorError(.errIllegalState, "Partition left with negative live power") }
        if unprovenPower.isNegative { throw ActorError(.errIllegalState, "Partition left with negative unproven power") }
        if faultyPower.isNegative { throw ActorError(.errIllegalState, "Partition left with negative faulty power") }
        if recoveringPower.isNegative { throw ActorError(.errIllegalState, "Partition left with negative recovering power") }
        if unprovenPower.raw > livePower.raw { throw ActorError(.errIllegalState, "Partition left with invalid unproven power") }
        if faultyPower.raw > livePower.raw { throw ActorError(.errIllegalState, "Partition left with invalid faulty power") }
        if recoveringPower.raw > livePower.raw || recoveringPower.raw > faultyPower.raw {
            throw ActorError(.errIllegalState, "Partition left with invalid recovering power")
        }
        let merged = unproven.union(faults)
        if !terminated.isDisjoint(with: merged) {
            throw ActorError(.errIllegalState, "Partition left with terminated sectors in multiple states")
        }
        if !merged.union(terminated).isSubset(of: sectors) {
            throw ActorError(.errIllegalState, "Partition left with invalid sector state")
        }
        if !recoveries.isSubset(of: faults) { throw ActorError(.errIllegalState, "Partition left with invalid recovery state") }
    }
}

extension Partition {
    /// Decodes a v0 (9 fields) or v2 (11 fields) partition.
    public init(from reader: inout CBORReader, actorsVersion: Int) throws {
        let start = reader.offset
        let count = try reader.readArrayHeader()
        let expected = actorsVersion >= 2 ? 11 : 9
        guard count == expected else { throw CBORError(.unexpectedCount(expected: expected, found: count), offset: start) }
        self.actorsVersion = actorsVersion
        let v2 = actorsVersion >= 2
        sectors = try Bitfield(from: &reader)
        unproven = v2 ? try Bitfield(from: &reader) : Bitfield()
        faults = try Bitfield(from: &reader)
        recoveries = try Bitfield(from: &reader)
        terminated = try Bitfield(from: &reader)
        expirationsEpochs = try reader.readCID()
        earlyTerminated = try reader.readCID()
        livePower = try PowerPair(from: &reader)
        unprovenPower = v2 ? try PowerPair(from: &reader) : .zero
        faultyPower = try PowerPair(from: &reader)
        recoveringPower = try PowerPair(from: &reader)
    }

    public func encode(to writer: inout CBORWriter) {
        let v2 = isV2
        writer.writeArrayHeader(v2 ? 11 : 9)
        sectors.encode(to: &writer)
        if v2 { unproven.encode(to: &writer) }
        faults.encode(to: &writer)
        recoveries.encode(to: &writer)
        terminated.encode(to: &writer)
        writer.writeCID(expirationsEpochs)
        writer.writeCID(earlyTerminated)
        livePower.encode(to: &writer)
        if v2 { unprovenPower.encode(to: &writer) }
        faultyPower.encode(to: &writer)
        recoveringPower.encode(to: &writer)
    }

    public var cborBytes: [UInt8] {
        var writer = CBORWriter()
        encode(to: &writer)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8], actorsVersion: Int) throws(ActorError) -> Partition {
        do {
            var reader = CBORReader(bytes: bytes)
            let partition = try Partition(from: &reader, actorsVersion: actorsVersion)
            try reader.finish()
            return partition
        } catch {
            throw ActorError(.errIllegalState, "failed to decode partition: \(error)")
        }
    }
}
