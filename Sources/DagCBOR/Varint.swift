/// Unsigned LEB128 varints as the multiformats unsigned-varint spec defines them.
///
/// Decoding is strict: the shortest form only (no trailing `0x00` group) and at most 9 bytes,
/// so values are limited to 63 bits. Every value has exactly one accepted encoding.
public enum Varint {
    /// The largest value the multiformats spec allows (2^63 - 1).
    public static let maxValue: UInt64 = (1 << 63) - 1

    /// Appends the varint encoding of `value`.
    ///
    /// Values above ``maxValue`` produce a 10-byte encoding that ``decode(_:from:)`` rejects;
    /// the multiformats types validate codes before they get here.
    @inlinable
    public static func encode(_ value: UInt64, into bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The varint encoding of `value`.
    public static func encode(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(value, into: &bytes)
        return bytes
    }

    /// The number of bytes `value` takes.
    public static func encodedLength(_ value: UInt64) -> Int {
        var length = 1
        var value = value >> 7
        while value != 0 {
            length += 1
            value >>= 7
        }
        return length
    }

    /// Decodes the varint starting at `index` and advances `index` past it.
    ///
    /// Error offsets are distances from `bytes.startIndex`.
    public static func decode<C: Collection<UInt8>>(_ bytes: C, from index: inout C.Index) throws(MultiformatError)
        -> UInt64
    {
        let start = bytes.distance(from: bytes.startIndex, to: index)
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var position = index
        for count in 0..<9 {
            guard position < bytes.endIndex else { throw .varintTruncated(offset: start) }
            let byte = bytes[position]
            position = bytes.index(after: position)
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 {
                // A final zero group after other groups means a shorter form existed.
                if byte == 0 && count > 0 { throw .varintNotMinimal(offset: start) }
                index = position
                return value
            }
            shift += 7
        }
        throw .varintTooLong(offset: start)
    }
}
