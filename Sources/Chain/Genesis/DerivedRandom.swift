import FilecoinCrypto

/// A reproducible stream of bytes: BLAKE2b-256 of the seed and a block counter, eight bytes per
/// `next()`. For values that must follow from their inputs (a genesis's derived keys, preseal
/// piece data, a test's keys); never for secrets a user relies on.
struct DerivedRandom: RandomNumberGenerator, Sendable {
    private let seed: [UInt8]
    private var counter: UInt64 = 0
    private var block: [UInt8] = []
    private var offset = 0

    init(seed: [UInt8]) { self.seed = seed }

    mutating func next() -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(nextByte()) }
        return value
    }

    /// `count` bytes of the stream.
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<max(count, 0)).map { _ in nextByte() }
    }

    private mutating func nextByte() -> UInt8 {
        if offset == block.count {
            var input = seed
            for shift in stride(from: 56, through: 0, by: -8) { input.append(UInt8(truncatingIfNeeded: counter >> UInt64(shift))) }
            block = Blake2b.hash256(input)
            counter &+= 1
            offset = 0
        }
        defer { offset += 1 }
        return block[offset]
    }
}
