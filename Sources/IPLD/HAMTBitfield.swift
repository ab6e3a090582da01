/// The occupied slots of a HAMT node (up to 256), serialized as Go's `big.Int.Bytes()`:
/// big-endian, no leading zero bytes, empty for no slots.
struct HAMTBitfield: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    static func == (lhs: HAMTBitfield, rhs: HAMTBitfield) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }

    private func word(_ index: Int) -> UInt64 {
        switch index {
        case 0: words.0
        case 1: words.1
        case 2: words.2
        default: words.3
        }
    }

    private mutating func setWord(_ index: Int, _ value: UInt64) {
        switch index {
        case 0: words.0 = value
        case 1: words.1 = value
        case 2: words.2 = value
        default: words.3 = value
        }
    }

    /// Whether slot `index` (0..<256) is occupied.
    func contains(_ index: Int) -> Bool { word(index >> 6) & (1 << UInt64(index & 63)) != 0 }

    mutating func insert(_ index: Int) { setWord(index >> 6, word(index >> 6) | (1 << UInt64(index & 63))) }

    mutating func remove(_ index: Int) { setWord(index >> 6, word(index >> 6) & ~(1 << UInt64(index & 63))) }

    /// How many occupied slots come before `index`: the position of its pointer.
    func rank(_ index: Int) -> Int {
        var count = 0
        let whole = index >> 6
        for w in 0..<whole { count += word(w).nonzeroBitCount }
        let bits = index & 63
        if bits > 0 { count += (word(whole) & ((1 << UInt64(bits)) - 1)).nonzeroBitCount }
        return count
    }

    var count: Int {
        words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount
    }

    /// The highest occupied slot plus one (0 when empty).
    var bitLength: Int {
        for w in stride(from: 3, through: 0, by: -1) where word(w) != 0 {
            return w * 64 + 64 - word(w).leadingZeroBitCount
        }
        return 0
    }

    var bytes: [UInt8] {
        let length = (bitLength + 7) / 8
        var out = [UInt8](repeating: 0, count: length)
        for byteIndex in 0..<length {
            let shift = UInt64((byteIndex & 7) * 8)
            out[length - 1 - byteIndex] = UInt8(truncatingIfNeeded: word(byteIndex >> 3) >> shift)
        }
        return out
    }

    /// Parses the minimal big-endian form; nil when it has a leading zero byte or exceeds 256 bits.
    init?(bytes: [UInt8]) {
        guard bytes.count <= 32, bytes.first != 0 else { return nil }
        for (position, byte) in bytes.reversed().enumerated() where byte != 0 {
            let w = position >> 3
            setWord(w, word(w) | UInt64(byte) << UInt64((position & 7) * 8))
        }
    }
}
