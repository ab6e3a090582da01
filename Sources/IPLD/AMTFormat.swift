/// Which AMT serialization a tree uses.
public enum AMTFormat: Hashable, Sendable {
    /// go-amt-ipld v0–v2 (specs-actors v0–v2; block message lists and receipts before v3 AMTs):
    /// width 8, root `[height, count, node]`.
    case legacy
    /// go-amt-ipld v3+ (builtin-actors): root `[bitWidth, height, count, node]`; node width `1 << bitWidth`.
    case current(bitWidth: Int)

    /// Bits of the index consumed per level.
    public var bitWidth: Int {
        switch self {
        case .legacy: 3
        case .current(let bitWidth): bitWidth
        }
    }

    /// Bytes of a node's bitmap: one bit per slot, at least one byte.
    var bitmapBytes: Int { bitWidth <= 3 ? 1 : 1 << (bitWidth - 3) }

    /// Slots per node.
    var width: Int { 1 << bitWidth }

    /// Indexes one node of `height` spans below it: width^height, saturating at UInt64.max.
    func nodesForHeight(_ height: Int) -> UInt64 {
        let bits = bitWidth * height
        return bits >= 64 ? UInt64.max : 1 << UInt64(bits)
    }

    /// The largest index go-amt-ipld accepts.
    public var maxIndex: UInt64 {
        switch self {
        case .legacy: (1 << 48) - 1
        case .current: UInt64.max - 1
        }
    }
}
