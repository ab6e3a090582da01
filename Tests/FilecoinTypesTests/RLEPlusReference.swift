import FilecoinTypes

/// A second, deliberately plain RLE+ codec written from the format's description (one bit at a
/// time, whole-byte varint parsing), which the tests hold `Bitfield` against.
enum RLEPlusReference {
    /// Packs bits (least significant first) into bytes, dropping trailing zero bytes.
    static func pack(_ bits: [UInt8]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit == 1 { bytes[index / 8] |= 1 << (index % 8) }
        while bytes.last == 0 { bytes.removeLast() }
        return bytes
    }

    /// Bytes from a bit string in stream order, spaces ignored: `"00 1 01 1000"`.
    static func pack(_ text: String) -> [UInt8] {
        pack(text.compactMap { $0 == "1" ? 1 : $0 == "0" ? 0 : nil })
    }

    /// The canonical encoding of sorted, disjoint, non-touching ranges.
    static func encode(_ ranges: [Range<UInt64>]) -> [UInt8] {
        var bits: [UInt8] = [0, 0]
        guard let first = ranges.first else { return [] }
        var runs: [UInt64] = []
        if first.lowerBound == 0 { bits.append(1) } else { bits.append(0); runs.append(first.lowerBound) }
        var previousEnd = first.lowerBound
        for range in ranges {
            if range.lowerBound != previousEnd { runs.append(range.lowerBound - previousEnd) }
            runs.append(range.upperBound - range.lowerBound)
            previousEnd = range.upperBound
        }
        for run in runs {
            if run == 1 {
                bits.append(1)
            } else if run < 16 {
                bits += [0, 1] + (0..<4).map { UInt8((run >> $0) & 1) }
            } else {
                bits += [0, 0]
                var groups: [UInt64] = []
                var rest = run
                repeat {
                    groups.append(rest % 128)
                    rest /= 128
                } while rest > 0
                for (index, group) in groups.enumerated() {
                    let byte = group + (index < groups.count - 1 ? 128 : 0)
                    bits += (0..<8).map { UInt8((byte >> $0) & 1) }
                }
            }
        }
        return pack(bits)
    }

    /// Decodes as the format says, giving the ranges of set bits or the refusal go-bitfield makes.
    static func decode(_ bytes: [UInt8]) -> Result<[Range<UInt64>], BitfieldError> {
        if !bytes.isEmpty && bytes[0] % 4 != 0 { return .failure(.wrongVersion(bytes[0] % 4)) }
        if !bytes.isEmpty && bytes[bytes.count - 1] == 0 { return .failure(.trailingZeroByte) }
        var cursor = 2
        func take() -> UInt8 {
            defer { cursor += 1 }
            return cursor / 8 < bytes.count ? (bytes[cursor / 8] >> (cursor % 8)) & 1 : 0
        }
        func takeByte() -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(take()) << $1 } }
        var value = take() == 1
        var total: UInt64 = 0
        var ranges: [Range<UInt64>] = []
        while true {
            var length: UInt64
            if take() == 1 {
                length = 1
            } else if take() == 1 {
                length = (0..<4).reduce(0) { $0 | UInt64(take()) << $1 }
            } else {
                var groups: [UInt64] = []
                repeat {
                    if groups.count == 10 { return .failure(.runTooLong) }
                    groups.append(takeByte())
                } while groups[groups.count - 1] >= 128
                if groups.count > 1 && groups[groups.count - 1] == 0 { return .failure(.nonMinimalRunLength) }
                length = 0
                for group in groups.reversed() {
                    let (shifted, overflowMultiply) = length.multipliedReportingOverflow(by: 128)
                    let (sum, overflowAdd) = shifted.addingReportingOverflow(group % 128)
                    if overflowMultiply || overflowAdd { return .failure(.runTooLong) }
                    length = sum
                }
            }
            if length == 0 { return .success(ranges) }
            if UInt64.max - total < length { return .failure(.lengthOverflow) }
            if value { ranges.append(total..<(total + length)) }
            total += length
            value = !value
        }
    }
}
