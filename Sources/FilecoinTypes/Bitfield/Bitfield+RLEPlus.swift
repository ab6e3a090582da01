/// RLE+ (version 0), the bytes go-bitfield reads and writes.
///
/// The bits, least significant first in each byte: the version `00`; the value of the first run
/// (`1` when bit 0 is set); then the run lengths, the runs alternating between unset and set:
/// - `1`: a run of 1;
/// - `01` and 4 bits: a run of 0 to 15;
/// - `00` and an unsigned LEB128 varint in 8-bit groups: any run.
/// A run of length 0 ends the stream, and so does the end of the bytes (read as zeros). What
/// follows a zero-length run is ignored, as go-bitfield ignores it.
///
/// The writer emits the shortest form of each run, no trailing unset run, and no trailing zero
/// byte; the empty set is no bytes at all. The reader also accepts the longer forms go-bitfield
/// accepts (a run of 1 as `01 1000`, short runs as varints, a trailing unset run, bits after the
/// end), and refuses exactly what it refuses: see `BitfieldError`.
extension Bitfield {
    /// Decodes RLE+ bytes, of any length (go-bitfield `NewFromBytes` followed by a validating read;
    /// the CBOR form adds the `maxEncodedSize` limit).
    ///
    /// The value remembers `bytes` until it is changed, so that it encodes back to them.
    public init(rlePlusBytes bytes: [UInt8]) throws(BitfieldError) {
        self.init(normalizedRanges: try Self.decodeRanges(bytes), decodedEncoding: bytes)
    }

    /// The RLE+ bytes: those this value was decoded from while it is unchanged (as go-bitfield
    /// writes an unmodified bitfield), the canonical encoding otherwise.
    public var rlePlusBytes: [UInt8] { decodedEncoding ?? canonicalRLEPlusBytes }

    /// The shortest RLE+ encoding, which go-bitfield's encoder writes (and `Copy` would give).
    public var canonicalRLEPlusBytes: [UInt8] {
        var writer = RLEPlusBitWriter()
        writer.write(0, bits: 2)
        guard let first = ranges.first else {
            writer.write(0, bits: 1)
            return writer.finish()
        }
        writer.write(first.lowerBound == 0 ? 1 : 0, bits: 1)
        var position: UInt64 = 0
        for range in ranges {
            if range.lowerBound > position { Self.writeRun(range.lowerBound - position, to: &writer) }
            Self.writeRun(range.upperBound - range.lowerBound, to: &writer)
            position = range.upperBound
        }
        return writer.finish()
    }

    private static func writeRun(_ length: UInt64, to writer: inout RLEPlusBitWriter) {
        switch length {
        case 1:
            writer.write(1, bits: 1)
        case 2..<16:
            writer.write(0b10, bits: 2)
            writer.write(UInt8(length), bits: 4)
        default:
            writer.write(0, bits: 2)
            var rest = length
            while rest >= 0x80 {
                writer.write(UInt8(truncatingIfNeeded: rest) | 0x80, bits: 8)
                rest >>= 7
            }
            writer.write(UInt8(rest), bits: 8)
        }
    }

    /// The runs of set bits in RLE+ `bytes`. The checks come in go-bitfield's order: the version
    /// (`FromBuf`, at unmarshalling), the trailing byte, then each run as it is read.
    static func decodeRanges(_ bytes: [UInt8]) throws(BitfieldError) -> [Range<UInt64>] {
        if let first = bytes.first, first & 0b11 != 0 { throw .wrongVersion(first & 0b11) }
        if bytes.last == 0 { throw .trailingZeroByte }
        var reader = RLEPlusBitReader(bytes)
        _ = reader.read(2)
        var isSet = reader.read(1) == 1
        var position: UInt64 = 0
        var ranges: [Range<UInt64>] = []
        while true {
            let length: UInt64
            if reader.read(1) == 1 {
                length = 1
            } else if reader.read(1) == 1 {
                length = UInt64(reader.read(4))
            } else {
                length = try reader.readVarint()
            }
            if length == 0 { return ranges }
            let (end, overflow) = position.addingReportingOverflow(length)
            guard !overflow else { throw .lengthOverflow }
            if isSet { ranges.append(position..<end) }
            position = end
            isSet.toggle()
        }
    }
}
