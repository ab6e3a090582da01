/// Unsigned LEB128 varints as go-varint reads and writes them for address payloads: at most
/// 9 bytes (63 bits), minimal encoding only.
enum AddressUvarint {
    enum Failure: Error { case overflow, truncated, notMinimal }

    /// The minimal encoding of `value`.
    static func encode(_ value: UInt64) -> [UInt8] {
        var result: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            result.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        result.append(UInt8(rest))
        return result
    }

    /// Reads a varint at the start of `bytes`; returns the value and the bytes used.
    static func decode(_ bytes: ArraySlice<UInt8>) throws(Failure) -> (value: UInt64, length: Int) {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            // A ninth byte must end the varint; a tenth never comes.
            if (index == 8 && byte >= 0x80) || index >= 9 { throw .overflow }
            if byte < 0x80 {
                // A trailing zero group means a shorter encoding existed.
                if byte == 0 && shift > 0 { throw .notMinimal }
                return (value | UInt64(byte) << shift, index + 1)
            }
            value |= UInt64(byte & 0x7f) << shift
            shift += 7
        }
        throw .truncated
    }
}
