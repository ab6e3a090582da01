import DagCBOR

/// The miner's 48 deadlines, each stored as its own block (specs-actors `Deadlines`: `[Due]`).
///
/// Invariant: exactly ``MinerDeadlinePolicy/wpostPeriodDeadlines`` entries.
public struct Deadlines: Hashable, Sendable, CBORCodable {
    public var due: [CID]

    public init(emptyDeadline: CID) {
        due = Array(repeating: emptyDeadline, count: Int(MinerDeadlinePolicy.wpostPeriodDeadlines))
    }

    public init(from reader: inout CBORReader) throws {
        try reader.readArrayHeader(expected: 1)
        let start = reader.offset
        let count = try reader.readArrayHeader()
        guard count == Int(MinerDeadlinePolicy.wpostPeriodDeadlines) else {
            throw CBORError(.unexpectedCount(expected: Int(MinerDeadlinePolicy.wpostPeriodDeadlines), found: count), offset: start)
        }
        due = []
        for _ in 0..<count { due.append(try reader.readCID()) }
    }

    public func encode(to writer: inout CBORWriter) {
        writer.writeArrayHeader(1)
        writer.writeArrayHeader(due.count)
        for cid in due { writer.writeCID(cid) }
    }

    /// The deadline at `index` (one charged get); an index of 48 or more is ErrIllegalArgument.
    public func loadDeadline(_ store: any ActorStore, _ index: UInt64) throws(ActorError) -> Deadline {
        guard index < UInt64(due.count) else { throw ActorError(.errIllegalArgument, "invalid deadline \(index)") }
        let bytes = try store.get(due[Int(index)])
        do { return try Deadline(cborBytes: bytes) } catch {
            throw ActorError(.errIllegalState, "failed to lookup deadline \(index): \(error)")
        }
    }

    /// Stores `deadline` at `index` (v2 validates it first).
    public mutating func updateDeadline(_ store: any ActorStore, _ index: UInt64, _ deadline: Deadline, actorsVersion: Int) throws(ActorError) {
        guard index < UInt64(due.count) else { throw ActorError(.errIllegalState, "invalid deadline \(index)") }
        if actorsVersion >= 2 { try deadline.validate() }
        due[Int(index)] = try store.put(deadline.cborBytes)
    }

    /// Each deadline in order, loaded.
    public func forEach(_ store: any ActorStore, _ body: (UInt64, Deadline) throws(ActorError) -> Void) throws(ActorError) {
        for index in 0..<UInt64(due.count) { try body(index, try loadDeadline(store, index)) }
    }

    /// The deadline and partition holding `sector` (`FindSector`).
    public func findSector(_ store: any ActorStore, _ sector: UInt64, actorsVersion: Int) throws(ActorError) -> (deadline: UInt64, partition: UInt64) {
        for index in 0..<UInt64(due.count) {
            let deadline = try loadDeadline(store, index)
            let partitions = try deadline.partitionsArray(store, actorsVersion: actorsVersion)
            var found: UInt64?
            try partitions.forEach { (partIndex, partition) throws(ActorError) in
                if partition.sectors.contains(sector) {
                    found = partIndex
                    return false
                }
                return true
            }
            if let found { return (index, found) }
        }
        throw ActorError(.errIllegalState, "sector \(sector) not due at any deadline")
    }
}
