import BigInt
import DagCBOR
import FilecoinTypes

/// A partition's AMT from quantized epoch to ``ExpirationSet`` (specs-actors `ExpirationQueue`),
/// with v0's and v2's behaviour where they differ (v2 validates every set it touches, finds
/// rescheduled sectors outside their declared epoch, and refuses to reschedule early sectors).
final class ExpirationQueue {
    let amt: ActorAMT
    let quant: QuantSpec
    let actorsVersion: Int

    /// The most sectors one set may hold when expanded (v2 `entrySectorsMax`, v0 `SectorsMax`).
    var entrySectorsMax: UInt64 { actorsVersion >= 2 ? 10_000 : 32 << 20 }
    /// The most sectors a fault or recovery set may hold when expanded (v2 `AddressedSectorsMax`).
    var addressedSectorsMax: UInt64 { actorsVersion >= 2 ? 25_000 : 32 << 20 }

    init(loading root: CID, store: any ActorStore, quant: QuantSpec, actorsVersion: Int) throws(ActorError) {
        amt = try ActorAMT(loading: root, store: store)
        self.quant = quant
        self.actorsVersion = actorsVersion
    }

    func root() throws(ActorError) -> CID { try amt.flush() }

    /// One group of sectors sharing an expiration epoch, with their totals.
    struct Group {
        var epoch: Int64
        var sectors: [UInt64]
        var power: PowerPair
        var pledge: TokenAmount
    }

    /// A mutable holder: v2's `findSectorsByExpiration` keeps a pointer to the set it decoded, and
    /// the groups it finds while traversing all share the traversal's single decode target.
    final class SetBox {
        var value: ExpirationSet
        init(_ value: ExpirationSet) { self.value = value }
    }

    // MARK: Operations

    /// Adds sectors at their declared expirations as active; returns their numbers and totals.
    func addActiveSectors(_ sectors: [SectorOnChainInfo], sectorSize: UInt64) throws(ActorError) -> (Bitfield, PowerPair, TokenAmount) {
        var totalPower = PowerPair.zero
        var totalPledge = TokenAmount.zero
        var all: [Bitfield] = []
        for group in Self.groupByDeclaredExpiration(sectors, sectorSize: sectorSize, quant: quant) {
            let numbers = BitfieldQueue.bitfield(group.sectors)
            try add(group.epoch, onTime: numbers, early: Bitfield(), active: group.power, faulty: .zero, pledge: group.pledge)
            all.append(numbers)
            totalPower += group.power
            totalPledge += group.pledge
        }
        return (Bitfield.union(all), totalPower, totalPledge)
    }

    /// Moves active sectors to expire at `newExpiration`.
    func rescheduleExpirations(_ newExpiration: Int64, _ sectors: [SectorOnChainInfo], sectorSize: UInt64) throws(ActorError) {
        guard !sectors.isEmpty else { return }
        let (numbers, power, pledge) = try removeActiveSectors(sectors, sectorSize: sectorSize)
        try add(newExpiration, onTime: numbers, early: Bitfield(), active: power, faulty: .zero, pledge: pledge)
    }

    /// Marks sectors faulty: those expiring on time before `newExpiration` stay put, the others
    /// become early expirations at `newExpiration`. Returns the power now faulty.
    func rescheduleAsFaults(_ newExpiration: Int64, _ sectors: [SectorOnChainInfo], sectorSize: UInt64) throws(ActorError) -> PowerPair {
        var sectorsTotal: [UInt64] = []
        var expiringPower = PowerPair.zero
        var rescheduledPower = PowerPair.zero
        let groups: [(Group, SetBox)]
        if actorsVersion >= 2 {
            groups = try findSectorsByExpiration(sectors, sectorSize: sectorSize)
        } else {
            var found: [(Group, SetBox)] = []
            for group in Self.groupByDeclaredExpiration(sectors, sectorSize: sectorSize, quant: quant) {
                guard let set = try get(group.epoch) else {
                    throw ActorError(.errIllegalState, "missing expected expiration set at epoch \(group.epoch)")
                }
                found.append((group, SetBox(set)))
            }
            groups = found
        }
        let quantizedNew = quant.quantizeUp(newExpiration)
        for (group, box) in groups {
            if group.epoch <= quantizedNew {
                box.value.activePower -= group.power
                box.value.faultyPower += group.power
                expiringPower += group.power
            } else {
                box.value.onTimeSectors = box.value.onTimeSectors.subtracting(BitfieldQueue.bitfield(group.sectors))
                box.value.onTimePledge -= group.pledge
                box.value.activePower -= group.power
                sectorsTotal.append(contentsOf: group.sectors)
                rescheduledPower += group.power
            }
            try updateOrDelete(group.epoch, box.value)
            if actorsVersion >= 2 { try box.value.validate() }
        }
        if !sectorsTotal.isEmpty {
            try add(newExpiration, onTime: Bitfield(), early: BitfieldQueue.bitfield(sectorsTotal), active: .zero,
                    faulty: rescheduledPower, pledge: .zero)
        }
        return rescheduledPower + expiringPower
    }

    /// Marks every sector faulty (a missed PoSt): sets expiring by `faultExpiration` keep their
    /// sectors, later ones move to early expiration at `faultExpiration`.
    func rescheduleAllAsFaults(_ faultExpiration: Int64) throws(ActorError) {
        var rescheduledEpochs: [UInt64] = []
        var rescheduledSectors: [Bitfield] = []
        var rescheduledPower = PowerPair.zero
        let quantized = quant.quantizeUp(faultExpiration)
        try forEach { (epoch, set) throws(ActorError) in
            var set = set
            if Int64(bitPattern: epoch) <= quantized {
                set.faultyPower += set.activePower
                set.activePower = .zero
                try self.set(epoch, set)
            } else {
                rescheduledEpochs.append(epoch)
                if actorsVersion >= 2 {
                    guard set.earlySectors.isEmpty else {
                        throw ActorError(.errIllegalState, "attempted to re-schedule early expirations to an even earlier epoch")
                    }
                    rescheduledSectors.append(set.onTimeSectors)
                } else {
                    rescheduledSectors.append(set.onTimeSectors)
                    rescheduledSectors.append(set.earlySectors)
                }
                rescheduledPower += set.activePower
                rescheduledPower += set.faultyPower
            }
            if actorsVersion >= 2 { try set.validate() }
            return true
        }
        guard !rescheduledEpochs.isEmpty else { return }
        try add(faultExpiration, onTime: Bitfield(), early: Bitfield.union(rescheduledSectors), active: .zero,
                faulty: rescheduledPower, pledge: .zero)
        try MinerAMT.batchDelete(amt, rescheduledEpochs)
    }

    /// Makes faulty sectors active again: on-time ones in place, early ones back at their
    /// declared expiration. Returns the recovered power.
    func rescheduleRecovered(_ sectors: [SectorOnChainInfo], sectorSize: UInt64) throws(ActorError) -> PowerPair {
        var remaining = Set(sectors.map(\.sectorNumber))
        var rescheduled: [SectorOnChainInfo] = []
        var recoveredPower = PowerPair.zero
        try traverseMutate { (_, set) throws(ActorError) in
            try checkExpandable(set.onTimeSectors, entrySectorsMax)
            try checkExpandable(set.earlySectors, entrySectorsMax)
            let onTime = set.onTimeSectors
            let early = set.earlySectors
            var changed = false
            for sector in sectors {
                let number = sector.sectorNumber
                let power = sector.power(sectorSize: sectorSize)
                var found = false
                if onTime.contains(number) {
                    found = true
                    set.faultyPower -= power
                    set.activePower += power
                } else if early.contains(number) {
                    found = true
                    set.earlySectors.remove(number)
                    set.faultyPower -= power
                    rescheduled.append(sector)
                }
                if found {
                    recoveredPower += power
                    remaining.remove(number)
                    changed = true
                }
            }
            if actorsVersion >= 2 { try set.validate() }
            return (changed, !remaining.isEmpty)
        }
        guard remaining.isEmpty else {
            throw ActorError(.errIllegalState, "sectors not found in expiration queue: \(remaining.sorted())")
        }
        _ = try addActiveSectors(rescheduled, sectorSize: sectorSize)
        return recoveredPower
    }

    /// Removes `old` sectors and adds `new` ones; returns both number sets and the deltas.
    func replaceSectors(old: [SectorOnChainInfo], new: [SectorOnChainInfo], sectorSize: UInt64) throws(ActorError)
        -> (old: Bitfield, new: Bitfield, power: PowerPair, pledge: TokenAmount)
    {
        let (oldNumbers, oldPower, oldPledge) = try removeActiveSectors(old, sectorSize: sectorSize)
        let (newNumbers, newPower, newPledge) = try addActiveSectors(new, sectorSize: sectorSize)
        return (oldNumbers, newNumbers, newPower - oldPower, newPledge - oldPledge)
    }

    /// Removes sectors wherever they are (terminations); returns what was removed and the
    /// power of the removed sectors that were recovering.
    func removeSectors(_ sectors: [SectorOnChainInfo], faults: Bitfield, recovering: Bitfield, sectorSize: UInt64) throws(ActorError)
        -> (removed: ExpirationSet, recoveringPower: PowerPair)
    {
        var remaining = Set(sectors.map(\.sectorNumber))
        try checkExpandable(faults, addressedSectorsMax)
        try checkExpandable(recovering, addressedSectorsMax)
        var removed = ExpirationSet()
        var recoveringPower = PowerPair.zero
        var nonFaulty: [SectorOnChainInfo] = []
        var faulty: [SectorOnChainInfo] = []
        for sector in sectors {
            if faults.contains(sector.sectorNumber) {
                faulty.append(sector)
                continue
            }
            nonFaulty.append(sector)
            remaining.remove(sector.sectorNumber)
        }
        (removed.onTimeSectors, removed.activePower, removed.onTimePledge) = try removeActiveSectors(nonFaulty, sectorSize: sectorSize)
        try traverseMutate { (_, set) throws(ActorError) in
            try checkExpandable(set.onTimeSectors, entrySectorsMax)
            try checkExpandable(set.earlySectors, entrySectorsMax)
            let onTime = set.onTimeSectors
            let early = set.earlySectors
            var changed = false
            for sector in faulty {
                let number = sector.sectorNumber
                var found = false
                if onTime.contains(number) {
                    found = true
                    set.onTimeSectors.remove(number)
                    insert(number, into: &removed.onTimeSectors)
                    set.onTimePledge -= sector.initialPledge
                    removed.onTimePledge += sector.initialPledge
                } else if early.contains(number) {
                    found = true
                    set.earlySectors.remove(number)
                    insert(number, into: &removed.earlySectors)
                }
                if found {
                    let power = sector.power(sectorSize: sectorSize)
                    if faults.contains(number) {
                        set.faultyPower -= power
                        removed.faultyPower += power
                    } else {
                        set.activePower -= power
                        removed.activePower += power
                    }
                    if recovering.contains(number) { recoveringPower += power }
                    remaining.remove(number)
                    changed = true
                }
            }
            if actorsVersion >= 2 { try set.validate() }
            return (changed, !remaining.isEmpty)
        }
        guard remaining.isEmpty else {
            throw ActorError(.errIllegalState, "sectors not found in expiration queue: \(remaining.sorted())")
        }
        return (removed, recoveringPower)
    }

    /// Removes and returns the union of every set at epochs up to `until`.
    func popUntil(_ until: Int64) throws(ActorError) -> ExpirationSet {
        var onTime: [Bitfield] = []
        var early: [Bitfield] = []
        var result = ExpirationSet()
        var keys: [UInt64] = []
        try forEach { (epoch, set) throws(ActorError) in
            if Int64(bitPattern: epoch) > until { return false }
            keys.append(epoch)
            onTime.append(set.onTimeSectors)
            early.append(set.earlySectors)
            result.activePower += set.activePower
            result.faultyPower += set.faultyPower
            result.onTimePledge += set.onTimePledge
            return true
        }
        try MinerAMT.batchDelete(amt, keys)
        result.onTimeSectors = Bitfield.union(onTime)
        result.earlySectors = Bitfield.union(early)
        return result
    }

    // MARK: Entries

    func add(_ rawEpoch: Int64, onTime: Bitfield, early: Bitfield, active: PowerPair, faulty: PowerPair, pledge: TokenAmount) throws(ActorError) {
        let epoch = quant.quantizeUp(rawEpoch)
        var set = try get(epoch) ?? ExpirationSet()
        try set.add(onTime: onTime, early: early, pledge: pledge, active: active, faulty: faulty, actorsVersion: actorsVersion)
        try self.set(UInt64(bitPattern: epoch), set)
    }

    func remove(_ rawEpoch: Int64, onTime: Bitfield, early: Bitfield, active: PowerPair, faulty: PowerPair, pledge: TokenAmount) throws(ActorError) {
        let epoch = quant.quantizeUp(rawEpoch)
        guard var set = try get(epoch) else {
            throw ActorError(.errIllegalState, "missing expected expiration set at epoch \(epoch)")
        }
        try set.remove(onTime: onTime, early: early, pledge: pledge, active: active, faulty: faulty, actorsVersion: actorsVersion)
        try updateOrDelete(epoch, set)
    }

    func removeActiveSectors(_ sectors: [SectorOnChainInfo], sectorSize: UInt64) throws(ActorError) -> (Bitfield, PowerPair, TokenAmount) {
        var numbers: [UInt64] = []
        var power = PowerPair.zero
        var pledge = TokenAmount.zero
        let groups: [Group]
        if actorsVersion >= 2 {
            groups = try findSectorsByExpiration(sectors, sectorSize: sectorSize).map(\.0)
        } else {
            groups = Self.groupByDeclaredExpiration(sectors, sectorSize: sectorSize, quant: quant)
        }
        for group in groups {
            try remove(group.epoch, onTime: BitfieldQueue.bitfield(group.sectors), early: Bitfield(), active: group.power,
                       faulty: .zero, pledge: group.pledge)
            numbers.append(contentsOf: group.sectors)
            power += group.power
            pledge += group.pledge
        }
        return (BitfieldQueue.bitfield(numbers), power, pledge)
    }

    func get(_ epoch: Int64) throws(ActorError) -> ExpirationSet? {
        guard let bytes = try amt.get(UInt64(bitPattern: epoch)) else { return nil }
        return try MinerAMT.decode(ExpirationSet.self, bytes, "expiration set")
    }

    func set(_ epoch: UInt64, _ set: ExpirationSet) throws(ActorError) {
        try amt.set(epoch, set.cborBytes)
    }

    func updateOrDelete(_ epoch: Int64, _ set: ExpirationSet) throws(ActorError) {
        if set.isEmpty {
            guard try amt.delete(UInt64(bitPattern: epoch)) else {
                throw ActorError(.errIllegalState, "failed to delete queue epoch \(epoch): not found")
            }
        } else {
            try self.set(UInt64(bitPattern: epoch), set)
        }
    }

    func forEach(_ body: (UInt64, ExpirationSet) throws(ActorError) -> Bool) throws(ActorError) {
        try MinerAMT.forEach(amt) { (index, bytes) throws(ActorError) in
            try body(index, try MinerAMT.decode(ExpirationSet.self, bytes, "expiration set"))
        }
    }

    /// Visits sets in epoch order; `body` returns (changed, keepGoing). Changed sets are stored
    /// at once, emptied ones deleted after the walk.
    func traverseMutate(_ body: (Int64, inout ExpirationSet) throws(ActorError) -> (Bool, Bool)) throws(ActorError) {
        var emptied: [UInt64] = []
        try forEach { (epoch, set) throws(ActorError) in
            var set = set
            let (changed, keepGoing) = try body(Int64(bitPattern: epoch), &set)
            if changed {
                if set.isEmpty { emptied.append(epoch) } else { try self.set(epoch, set) }
            }
            return keepGoing
        }
        try MinerAMT.batchDelete(amt, emptied)
    }

    private func checkExpandable(_ bitfield: Bitfield, _ max: UInt64) throws(ActorError) {
        let count = bitfield.count
        if count > max { throw ActorError(.errIllegalState, "too many items: \(count) > \(max)") }
    }

    private func insert(_ number: UInt64, into bitfield: inout Bitfield) {
        do { try bitfield.insert(number) } catch {}
    }

    // MARK: Grouping

    /// Sectors grouped by their declared expiration quantized up, in epoch order.
    static func groupByDeclaredExpiration(_ sectors: [SectorOnChainInfo], sectorSize: UInt64, quant: QuantSpec) -> [Group] {
        var byEpoch: [Int64: Group] = [:]
        for sector in sectors {
            let epoch = quant.quantizeUp(sector.expiration)
            var group = byEpoch[epoch] ?? Group(epoch: epoch, sectors: [], power: .zero, pledge: .zero)
            group.sectors.append(sector.sectorNumber)
            group.power += sector.power(sectorSize: sectorSize)
            group.pledge += sector.initialPledge
            byEpoch[epoch] = group
        }
        return byEpoch.values.sorted { $0.epoch < $1.epoch }
    }

    /// v2: finds each sector's set, first at its declared expiration, then by walking the
    /// queue in order (rescheduled sectors); groups are in epoch order.
    func findSectorsByExpiration(_ sectors: [SectorOnChainInfo], sectorSize: UInt64) throws(ActorError) -> [(Group, SetBox)] {
        var declared = Set<Int64>()
        var byNumber: [UInt64: SectorOnChainInfo] = [:]
        var remaining = Set<UInt64>()
        var groups: [(Group, SetBox)] = []
        var declaredOrder: [Int64] = []
        for sector in sectors {
            let epoch = quant.quantizeUp(sector.expiration)
            if declared.insert(epoch).inserted { declaredOrder.append(epoch) }
            remaining.insert(sector.sectorNumber)
            byNumber[sector.sectorNumber] = sector
        }
        for epoch in declaredOrder {
            let box = SetBox(try get(epoch) ?? ExpirationSet())
            let group = Self.group(box.value, epoch: epoch, byNumber: byNumber, remaining: &remaining, sectorSize: sectorSize)
            if !group.sectors.isEmpty { groups.append((group, box)) }
        }
        if !remaining.isEmpty {
            // Go decodes every visited set into one variable and keeps pointers to it.
            let shared = SetBox(ExpirationSet())
            try forEach { (rawEpoch, set) throws(ActorError) in
                shared.value = set
                let epoch = Int64(bitPattern: rawEpoch)
                if declared.contains(epoch) { return true }
                for number in set.earlySectors where remaining.contains(number) {
                    throw ActorError(.errIllegalState, "Invalid attempt to group sector \(number) with an early expiration")
                }
                let group = Self.group(set, epoch: epoch, byNumber: byNumber, remaining: &remaining, sectorSize: sectorSize)
                if !group.sectors.isEmpty { groups.append((group, shared)) }
                return !remaining.isEmpty
            }
        }
        guard remaining.isEmpty else { throw ActorError(.errIllegalState, "some sectors not found in expiration queue") }
        return groups.sorted { $0.0.epoch < $1.0.epoch }
    }

    private static func group(
        _ set: ExpirationSet, epoch: Int64, byNumber: [UInt64: SectorOnChainInfo], remaining: inout Set<UInt64>, sectorSize: UInt64
    ) -> Group {
        var group = Group(epoch: epoch, sectors: [], power: .zero, pledge: .zero)
        // Walk the smaller side: a set's on-time sectors may be many, the sectors asked few.
        if UInt64(remaining.count) < set.onTimeSectors.count {
            for number in remaining.sorted() where set.onTimeSectors.contains(number) {
                guard let sector = byNumber[number] else { continue }
                group.sectors.append(number)
                group.power += sector.power(sectorSize: sectorSize)
                group.pledge += sector.initialPledge
            }
        } else {
            for number in set.onTimeSectors where remaining.contains(number) {
                guard let sector = byNumber[number] else { continue }
                group.sectors.append(number)
                group.power += sector.power(sectorSize: sectorSize)
                group.pledge += sector.initialPledge
            }
        }
        for number in group.sectors { remaining.remove(number) }
        return group
    }
}
