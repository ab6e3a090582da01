/// Reads RLE+ bits: least significant bit of each byte first, and zeros forever past the end,
/// as go-bitfield's reader does (so a stream needs no explicit terminator and never runs dry).
struct RLEPlusBitReader {
    private let bytes: [UInt8]
    /// The index of the next bit to read, counted from bit 0 of byte 0.
    private var bitOffset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads `count` (at most 8) bits as a number, the first bit read being the lowest.
    mutating func read(_ count: Int) -> UInt8 {
        var value: UInt8 = 0
        for shift in 0..<count {
            let byteIndex = bitOffset >> 3
            if byteIndex < bytes.count, (bytes[byteIndex] >> (bitOffset & 7)) & 1 == 1 {
                value |= 1 << shift
            }
            bitOffset += 1
        }
        return value
    }

    /// Reads a run length written as an unsigned LEB128 varint of 8-bit groups, refusing what
    /// go-bitfield refuses: more than 10 bytes or a value above `UInt64.max` (`runTooLong`), and
    /// a redundant final zero byte (`nonMinimalRunLength`).
    mutating func readVarint() throws(BitfieldError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for index in 0..<10 {
            let byte = read(8)
            if byte < 0x80 {
                if index == 9 && byte > 1 { throw .runTooLong }
                if byte == 0 && shift > 0 { throw .nonMinimalRunLength }
                return value | UInt64(byte) << shift
            }
            value |= UInt64(byte & 0x7f) << shift
            shift += 7
        }
        throw .runTooLong
    }
}
