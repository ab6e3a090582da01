/// Writes RLE+ bits, least significant bit of each byte first.
struct RLEPlusBitWriter {
    private(set) var bytes: [UInt8] = []
    /// Bits not yet flushed to `bytes`, the oldest lowest; fewer than 8 between calls.
    private var pending: UInt16 = 0
    private var pendingCount = 0

    /// Appends the low `count` (at most 8) bits of `value`, lowest first.
    mutating func write(_ value: UInt8, bits count: Int) {
        let masked = UInt16(value) & ((1 << count) - 1)
        pending |= masked << pendingCount
        pendingCount += count
        if pendingCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount -= 8
        }
    }

    /// The bytes written, without trailing zero bytes: a reader sees zeros past the end anyway,
    /// and go-bitfield refuses a trailing zero byte.
    mutating func finish() -> [UInt8] {
        if pendingCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending = 0
            pendingCount = 0
        }
        while bytes.last == 0 { bytes.removeLast() }
        return bytes
    }
}
