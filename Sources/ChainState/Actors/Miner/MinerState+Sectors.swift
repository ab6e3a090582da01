import DagCBOR
import FilecoinTypes

/// Sector bookkeeping on the miner's state, with the same block traffic as specs-actors'
/// `State` methods (each opens its HAMT/AMT from the root, reads, writes, and flushes).
extension MinerState {
    /// The HAMT key of a sector number: `abi.UIntKey`, an unsigned varint.
    public static func sectorKey(_ number: UInt64) -> [UInt8] {
        var value = number
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
        return out
    }

    /// go-hamt-ipld v0.1 (actors v0) keeps collapsed buckets in slot order; v2 sorts them.
    static func sortsOnCollapse(_ actorsVersion: Int) -> Bool { actorsVersion > 0 }

    // MARK: Info

    public func loadInfo(_ store: any ActorStore) throws(ActorError) -> MinerInfo {
        let bytes = try store.get(info)
        do { return try MinerInfo(cborBytes: bytes) } catch { throw ActorError(.errIllegalState, "could not read miner info: \(error)") }
    }

    public mutating func saveInfo(_ store: any ActorStore, _ value: MinerInfo) throws(ActorError) {
        info = try store.put(value.cborBytes)
    }

    // MARK: Allocated sector numbers

    /// Marks `number` allocated; ErrIllegalArgument when out of range or already allocated.
    public mutating func allocateSectorNumber(_ store: any ActorStore, _ number: UInt64) throws(ActorError) {
        guard number <= MinerPolicy.maxSectorNumber else {
            throw ActorError(.errIllegalArgument, "sector number out of range: \(number)")
        }
        var allocated = try loadBitfield(store, allocatedSectors, what: "allocated sectors bitfield")
        guard !allocated.contains(number) else {
            throw ActorError(.errIllegalArgument, "sector number \(number) has already been allocated")
        }
        do { try allocated.insert(number) } catch { throw ActorError(.errIllegalArgument, "sector number out of range: \(number)") }
        allocatedSectors = try store.put(allocated.cborBytes)
    }

    /// Adds `numbers` to the allocated set (CompactSectorNumbers' mask).
    public mutating func maskSectorNumbers(_ store: any ActorStore, _ numbers: Bitfield) throws(ActorError) {
        guard let last = numbers.last else { throw ActorError(.errIllegalArgument, "invalid mask bitfield: bitfield was empty") }
        guard last <= MinerPolicy.maxSectorNumber else {
            throw ActorError(.errIllegalArgument, "masked sector number \(last) exceeded max sector number")
        }
        let allocated = try loadBitfield(store, allocatedSectors, what: "allocated sectors bitfield")
        allocatedSectors = try store.put(allocated.union(numbers).cborBytes)
    }

    func loadBitfield(_ store: any ActorStore, _ cid: CID, what: String) throws(ActorError) -> Bitfield {
        let bytes = try store.get(cid)
        do { return try Bitfield(cborBytes: bytes) } catch { throw ActorError(.errIllegalState, "failed to load \(what): \(error)") }
    }

    // MARK: Pre-commits

    public func getPrecommittedSector(_ store: any ActorStore, _ number: UInt64, actorsVersion: Int) throws(ActorError) -> SectorPreCommitOnChainInfo? {
        let map = try ActorHAMT(loading: preCommittedSectors, store: store, sortsOnCollapse: Self.sortsOnCollapse(actorsVersion))
        guard let bytes = try map.get(Self.sectorKey(number)) else { return nil }
        return try Self.decodePreCommit(bytes)
    }

    /// The pre-commits of `numbers` that exist, in order, from one opening of the map.
    public func findPrecommittedSectors(_ store: any ActorStore, _ numbers: [UInt64], actorsVersion: Int) throws(ActorError) -> [SectorPreCommitOnChainInfo] {
        let map = try ActorHAMT(loading: preCommittedSectors, store: store, sortsOnCollapse: Self.sortsOnCollapse(actorsVersion))
        var out: [SectorPreCommitOnChainInfo] = []
        for number in numbers {
            guard let bytes = try map.get(Self.sectorKey(number)) else { continue }
            out.append(try Self.decodePreCommit(bytes))
        }
        return out
    }

    public mutating func putPrecommittedSector(_ store: any ActorStore, _ value: SectorPreCommitOnChainInfo, actorsVersion: Int) throws(ActorError) {
        let map = try ActorHAMT(loading: preCommittedSectors, store: store, sortsOnCollapse: Self.sortsOnCollapse(actorsVersion))
        try map.set(Self.sectorKey(value.info.sectorNumber), value.cborBytes)
        preCommittedSectors = try map.flush()
    }

    /// Deletes the pre-commits; a missing one is ErrIllegalState (adt.Map.Delete's not-found).
    public mutating func deletePrecommittedSectors(_ store: any ActorStore, _ numbers: [UInt64], actorsVersion: Int) throws(ActorError) {
        let map = try ActorHAMT(loading: preCommittedSectors, store: store, sortsOnCollapse: Self.sortsOnCollapse(actorsVersion))
        for number in numbers {
            guard try map.delete(Self.sectorKey(number)) else {
                throw ActorError(.errIllegalState, "failed to delete precommitment for \(number): not found")
            }
        }
        preCommittedSectors = try map.flush()
    }

    static func decodePreCommit(_ bytes: [UInt8]) throws(ActorError) -> SectorPreCommitOnChainInfo {
        do { return try SectorPreCommitOnChainInfo(cborBytes: bytes) } catch {
            throw ActorError(.errIllegalState, "failed to decode pre-commit: \(error)")
        }
    }

    // MARK: Proven sectors

    public func hasSectorNumber(_ store: any ActorStore, _ number: UInt64) throws(ActorError) -> Bool {
        try getSector(store, number) != nil
    }

    public func getSector(_ store: any ActorStore, _ number: UInt64) throws(ActorError) -> SectorOnChainInfo? {
        let array = try ActorAMT(loading: sectors, store: store)
        guard let bytes = try array.get(number) else { return nil }
        return try Self.decodeSector(bytes)
    }

    public mutating func putSectors(_ store: any ActorStore, _ values: [SectorOnChainInfo]) throws(ActorError) {
        let array = try ActorAMT(loading: sectors, store: store)
        for value in values { try array.set(value.sectorNumber, value.cborBytes) }
        sectors = try array.flush()
    }

    static func decodeSector(_ bytes: [UInt8]) throws(ActorError) -> SectorOnChainInfo {
        do { return try SectorOnChainInfo(cborBytes: bytes) } catch {
            throw ActorError(.errIllegalState, "failed to decode sector: \(error)")
        }
    }

    // MARK: Pre-commit expiry queue

    /// The quantization of the pre-commit expiry queue: every challenge window from the period start.
    public var quantUnitEveryDeadline: (unit: Int64, offset: Int64) { (MinerPolicy.wpostChallengeWindow, provingPeriodStart) }

    /// Adds `number` to the pre-commit expiry queue at `epoch` quantized up to a deadline boundary
    /// (BitfieldQueue.AddToQueueValues).
    public mutating func addPreCommitExpiry(_ store: any ActorStore, epoch: Int64, _ number: UInt64) throws(ActorError) {
        let queue = try ActorAMT(loading: preCommittedSectorsExpiry, store: store)
        let quant = quantUnitEveryDeadline
        let at = MinerPolicy.quantizeUp(epoch, unit: quant.unit, offset: quant.offset)
        let index = UInt64(bitPattern: at)
        var existing = Bitfield()
        if let bytes = try queue.get(index) {
            do { existing = try Bitfield(cborBytes: bytes) } catch {
                throw ActorError(.errIllegalState, "failed to lookup queue epoch \(at): \(error)")
            }
        }
        var added = Bitfield()
        do { try added.insert(number) } catch { throw ActorError(.errIllegalState, "bad sector number \(number)") }
        try queue.set(index, existing.union(added).cborBytes)
        preCommittedSectorsExpiry = try queue.flush()
    }
}
