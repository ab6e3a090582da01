import DagCBOR
import FilecoinTypes

/// `CheckSectorHealth`, reading the deadline and partition blocks field by field (their
/// layouts: `Deadlines` = `[[48 CIDs]]`, `Deadline` starts with its partitions AMT, a
/// `Partition` starts with `Sectors`, then (v2) `Unproven`, `Faults`, `Recoveries`, `Terminated`).
extension MinerState {
    /// Nothing when sector `sector` is a live, non-faulty member of the partition; else the
    /// reason, with specs-actors' exit code (ErrNotFound, ErrForbidden, ErrIllegalState).
    public func checkSectorHealth(
        _ store: any ActorStore, deadline: UInt64, partition: UInt64, sector: UInt64, actorsVersion: Int
    ) throws(ActorError) -> Void {
        let due = try Self.deadlineCIDs(store.get(deadlines))
        guard deadline < UInt64(due.count) else { throw ActorError(.errIllegalArgument, "invalid deadline \(deadline)") }
        let partitionsRoot = try Self.field(store.get(due[Int(deadline)]), index: 0, what: "deadline \(deadline)")
        guard case .cid(let root) = partitionsRoot else { throw ActorError(.errIllegalState, "failed to lookup deadline \(deadline)") }
        let partitions = try ActorAMT(loading: root, store: store)
        guard let bytes = try partitions.get(partition) else { throw ActorError(.errNotFound, "no partition \(partition)") }
        let v2 = actorsVersion >= 2
        let sectors = try Self.bitfieldField(bytes, index: 0)
        let faults = try Self.bitfieldField(bytes, index: v2 ? 2 : 1)
        let terminated = try Self.bitfieldField(bytes, index: v2 ? 4 : 3)
        guard sectors.contains(sector) else {
            throw ActorError(.errNotFound, "sector \(sector) not a member of partition \(partition), deadline \(deadline)")
        }
        guard !faults.contains(sector) else {
            throw ActorError(.errForbidden, "sector \(sector) of partition \(partition), deadline \(deadline) is faulty")
        }
        guard !terminated.contains(sector) else {
            throw ActorError(.errNotFound, "sector \(sector) of partition \(partition), deadline \(deadline) is terminated")
        }
    }

    static func deadlineCIDs(_ bytes: [UInt8]) throws(ActorError) -> [CID] {
        guard case .array(let outer)? = try? CBORValue(cborBytes: bytes), outer.count == 1, case .array(let items) = outer[0] else {
            throw ActorError(.errIllegalState, "failed to load deadlines")
        }
        var out: [CID] = []
        for item in items {
            guard case .cid(let cid) = item else { throw ActorError(.errIllegalState, "failed to load deadlines") }
            out.append(cid)
        }
        return out
    }

    static func field(_ bytes: [UInt8], index: Int, what: String) throws(ActorError) -> CBORValue {
        guard case .array(let fields)? = try? CBORValue(cborBytes: bytes), index < fields.count else {
            throw ActorError(.errIllegalState, "failed to decode \(what)")
        }
        return fields[index]
    }

    static func bitfieldField(_ bytes: [UInt8], index: Int) throws(ActorError) -> Bitfield {
        guard case .bytes(let raw) = try field(bytes, index: index, what: "partition"), let bitfield = try? Bitfield(rlePlusBytes: raw) else {
            throw ActorError(.errIllegalState, "failed to decode partition bitfield")
        }
        return bitfield
    }
}
