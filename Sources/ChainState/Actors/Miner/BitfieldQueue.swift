import DagCBOR
import FilecoinTypes

/// An AMT from (quantized) epoch to a bitfield of values scheduled at that epoch
/// (specs-actors `BitfieldQueue`: a deadline's expiration epochs, a partition's early terminations).
///
/// Invariant: no stored entry is empty (empty additions are skipped, emptied entries deleted).
final class BitfieldQueue {
    let amt: ActorAMT
    let quant: QuantSpec

    init(loading root: CID, store: any ActorStore, quant: QuantSpec) throws(ActorError) {
        amt = try ActorAMT(loading: root, store: store)
        self.quant = quant
    }

    func root() throws(ActorError) -> CID { try amt.flush() }

    func get(_ epoch: UInt64) throws(ActorError) -> Bitfield? {
        guard let bytes = try amt.get(epoch) else { return nil }
        return try MinerAMT.decode(Bitfield.self, bytes, "bitfield queue entry")
    }

    func set(_ epoch: UInt64, _ values: Bitfield) throws(ActorError) {
        try amt.set(epoch, values.cborBytes)
    }

    /// Merges `values` into the entry at `rawEpoch` quantized up.
    func add(_ rawEpoch: Int64, _ values: Bitfield) throws(ActorError) {
        guard !values.isEmpty else { return }
        let epoch = UInt64(bitPattern: quant.quantizeUp(rawEpoch))
        let existing = try get(epoch) ?? Bitfield()
        try set(epoch, existing.union(values))
    }

    func add(_ rawEpoch: Int64, values: [UInt64]) throws(ActorError) {
        guard !values.isEmpty else { return }
        try add(rawEpoch, Self.bitfield(values))
    }

    /// Adds several epochs' values, each group merged into its quantized epoch in epoch order.
    func addMany(_ values: [Int64: [UInt64]]) throws(ActorError) {
        var quantized: [Int64: [UInt64]] = [:]
        for (raw, entries) in values { quantized[quant.quantizeUp(raw), default: []].append(contentsOf: entries) }
        for epoch in quantized.keys.sorted() { try add(epoch, values: quantized[epoch] ?? []) }
    }

    /// Removes `toCut` from every entry and closes the holes (go-bitfield `CutBitField`);
    /// entries left empty are deleted.
    func cut(_ toCut: Bitfield) throws(ActorError) {
        var emptied: [UInt64] = []
        try forEach { (epoch, values) throws(ActorError) in
            let kept = values.cut(toCut)
            if kept.isEmpty { emptied.append(epoch) } else { try set(epoch, kept) }
            return true
        }
        try MinerAMT.batchDelete(amt, emptied)
    }

    /// Removes and returns every value at epochs up to `until`; `modified` is false when none.
    func popUntil(_ until: Int64) throws(ActorError) -> (values: Bitfield, modified: Bool) {
        var popped: [Bitfield] = []
        var keys: [UInt64] = []
        try forEach { (epoch, values) throws(ActorError) in
            if Int64(bitPattern: epoch) > until { return false }
            keys.append(epoch)
            popped.append(values)
            return true
        }
        guard !keys.isEmpty else { return (Bitfield(), false) }
        try MinerAMT.batchDelete(amt, keys)
        return (Bitfield.union(popped), true)
    }

    func forEach(_ body: (UInt64, Bitfield) throws(ActorError) -> Bool) throws(ActorError) {
        try MinerAMT.forEach(amt) { (index, bytes) throws(ActorError) in
            try body(index, try MinerAMT.decode(Bitfield.self, bytes, "bitfield queue entry"))
        }
    }

    var count: UInt64 { amt.count }

    static func bitfield(_ values: [UInt64]) -> Bitfield {
        Bitfield(ranges: values.filter { $0 < UInt64.max }.map { $0..<($0 + 1) })
    }
}
