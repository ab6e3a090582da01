import DagCBOR
import FilecoinTypes
import GoCompat
import Testing

/// What go-bitfield refuses is refused, with the matching error, and what it accepts is accepted,
/// however odd: truncated, wrong version, non-minimal, over-long, oversized and random input.
@Suite("Bitfield: malformed and non-canonical RLE+")
struct BitfieldMalformedTests {
    typealias Reference = RLEPlusReference

    /// A varint group (a byte) as 8 bits in stream order.
    private func group(_ byte: UInt8) -> String {
        String((0..<8).map { (byte >> $0) & 1 == 1 ? "1" : "0" })
    }

    /// The decoder and the plain reference agree: the same ranges, or the same error.
    private func expectSameVerdict(_ bytes: [UInt8], _ context: String) {
        switch Reference.decode(bytes) {
        case .success(let ranges):
            #expect((try? Bitfield(rlePlusBytes: bytes))?.ranges == ranges, "\(context): \(Hex.encode(bytes))")
        case .failure(let error):
            #expect(throws: error, "\(context): \(Hex.encode(bytes))") { try Bitfield(rlePlusBytes: bytes) }
        }
    }

    @Test func wrongVersion() throws {
        for version: UInt8 in 1...3 {
            #expect(throws: BitfieldError.wrongVersion(version)) { try Bitfield(rlePlusBytes: [version]) }
            #expect(throws: BitfieldError.wrongVersion(version)) { try Bitfield(rlePlusBytes: [0xfc | version, 0x00]) }
            #expect(throws: BitfieldError.wrongVersion(version)) { try UnvalidatedBitfield(cborBytes: [0x41, version]) }
            #expect(throws: BitfieldError.wrongVersion(version)) { try Bitfield(cborBytes: [0x41, version]) }
        }
    }

    @Test func trailingZeroByte() throws {
        #expect(throws: BitfieldError.trailingZeroByte) { try Bitfield(rlePlusBytes: [0x00]) }
        #expect(throws: BitfieldError.trailingZeroByte) { try Bitfield(rlePlusBytes: [124, 71, 34, 2, 0]) }
        // go-bitfield reads the CBOR and fails only when the field is used.
        let lazy = try UnvalidatedBitfield(cborBytes: [0x42, 0x04, 0x00])
        #expect(lazy.rlePlusBytes == [0x04, 0x00])
        #expect(lazy.cborBytes == [0x42, 0x04, 0x00])
        #expect(throws: BitfieldError.trailingZeroByte) { try lazy.decoded() }
        #expect(throws: BitfieldError.trailingZeroByte) { try Bitfield(cborBytes: [0x42, 0x04, 0x00]) }
    }

    @Test func nonMinimalVarints() throws {
        // 16 as [0x90, 0x00], then a run of 1 so that the last byte is not zero.
        let padded = Reference.pack("00 0 00 \(group(0x90)) \(group(0x00)) 1")
        #expect(throws: BitfieldError.nonMinimalRunLength) { try Bitfield(rlePlusBytes: padded) }
        // A continuation bit on the last byte: the reader sees a zero byte after it.
        let cutShort = Reference.pack("00 0 00 \(group(0x80))")
        #expect(throws: BitfieldError.nonMinimalRunLength) { try Bitfield(rlePlusBytes: cutShort) }
        // The same run minimally: fine.
        let minimal = Reference.pack("00 0 00 \(group(0x10)) 1")
        #expect(Array((try? Bitfield(rlePlusBytes: minimal)) ?? .empty) == [16])
    }

    @Test func overlongRuns() throws {
        let nines = (0..<9).map { _ in group(0xff) }.joined()
        // Ten groups whose last holds more than the 64th bit; eleven groups.
        #expect(throws: BitfieldError.runTooLong) { try Bitfield(rlePlusBytes: Reference.pack("00 0 00 \(nines) \(group(0x02)) 1")) }
        #expect(throws: BitfieldError.runTooLong) { try Bitfield(rlePlusBytes: Reference.pack("00 0 00 \(nines) \(group(0x81)) \(group(0x01))")) }
        // Exactly 2^64-1 unset bits is a valid (empty) field; one more bit overflows.
        let longest = Reference.pack("00 0 00 \(nines) \(group(0x01))")
        #expect(try Bitfield(rlePlusBytes: longest) == .empty)
        #expect(throws: BitfieldError.lengthOverflow) { try Bitfield(rlePlusBytes: Reference.pack("00 0 00 \(nines) \(group(0x01)) 1")) }
        // 2^64-2 unset bits and one set bit reach the largest index; a further run overflows.
        let top = Reference.pack("00 0 00 \(group(0xfe)) \(nines.dropFirst(8)) \(group(0x01)) 1")
        #expect(Array(try Bitfield(rlePlusBytes: top)) == [Bitfield.maxIndex])
        let past = Reference.pack("00 0 00 \(group(0xfe)) \(nines.dropFirst(8)) \(group(0x01)) 1 1")
        #expect(throws: BitfieldError.lengthOverflow) { try Bitfield(rlePlusBytes: past) }
        #expect(throws: BitfieldError.lengthOverflow) { try Bitfield(runLengths: [UInt64.max, 1]) }
        #expect(throws: BitfieldError.lengthOverflow) { try Bitfield(runs: [(value: false, length: UInt64.max), (value: true, length: 1)]) }
    }

    @Test func oversizedCBOR() throws {
        // 32 KiB of alternating single-bit runs is the largest field CBOR carries.
        let largest = [0xfc] + [UInt8](repeating: 0xff, count: Bitfield.maxEncodedSize - 1)
        var writer = CBORWriter()
        writer.writeBytes(largest)
        let field = try Bitfield(cborBytes: writer.bytes)
        #expect(field.first == 0 && field.count == UInt64(Bitfield.maxEncodedSize * 8 - 2) / 2)
        #expect(field.cborBytes == writer.bytes)

        var tooLarge = CBORWriter()
        tooLarge.writeBytes(largest + [0x01])
        #expect(throws: BitfieldError.encodedSizeTooLarge(Bitfield.maxEncodedSize + 1)) { try Bitfield(cborBytes: tooLarge.bytes) }
        #expect(throws: BitfieldError.encodedSizeTooLarge(Bitfield.maxEncodedSize + 1)) {
            try UnvalidatedBitfield(cborBytes: tooLarge.bytes)
        }
        // Without CBOR there is no limit, as with go-bitfield's NewFromBytes.
        #expect(try Bitfield(rlePlusBytes: largest + [0xff]).count == field.count + 4)

        // 5,000 indices 2^50 apart need over 8 bytes each: more than go-bitfield writes.
        let sparse = try Bitfield((0..<5_000).map { UInt64($0) << 50 })
        #expect(throws: BitfieldError.encodedSizeTooLarge(sparse.rlePlusBytes.count)) { try sparse.checkedRLEPlusBytes() }
        #expect(try Bitfield(UInt64(1)..<100).checkedRLEPlusBytes() == Bitfield(UInt64(1)..<100).rlePlusBytes)

        #expect(throws: CBORError.self) { try Bitfield(cborBytes: [0x60]) }
        #expect(throws: CBORError.self) { try Bitfield(cborBytes: [0x42, 0x04]) }
    }

    /// Longer forms go-bitfield reads: kept byte for byte while unchanged, canonical after.
    @Test(arguments: [
        ("00 1 01 1000", [0..<1]),  // a run of 1 as a short run
        ("00 1 00 10100000", [0..<5]),  // a short run as a varint
        ("00 1 1 01 0100", [0..<1]),  // a trailing unset run
        ("00 1 1 01 0000 1 1 1", [0..<1]),  // bits after the terminating zero-length run
        ("00 1", []),  // a set first bit and no run
        ("00 0 1 1 00 00000000 1 1", [1..<2]),  // a zero-length varint run ends the stream
    ] as [(String, [Range<UInt64>])])
    func nonCanonicalButAccepted(stream: String, ranges: [Range<UInt64>]) throws {
        let bytes = Reference.pack(stream)
        let field = try Bitfield(rlePlusBytes: bytes)
        #expect(field.ranges == ranges)
        #expect(try Reference.decode(bytes).get() == ranges)
        #expect(field.canonicalRLEPlusBytes != bytes)
        #expect(field.rlePlusBytes == bytes)
        var writer = CBORWriter()
        writer.writeBytes(bytes)
        #expect(try Bitfield(cborBytes: writer.bytes).cborBytes == writer.bytes)
        #expect(field.union(.empty).rlePlusBytes == field.canonicalRLEPlusBytes)
        var edited = field
        try edited.insert(0)
        edited.remove(0)
        for index in ranges.flatMap({ $0 }) { try edited.insert(index) }
        #expect(edited == field && edited.rlePlusBytes == field.canonicalRLEPlusBytes)
    }

    @Test func everyTruncationOfValidEncodings() throws {
        let golden = try Hex.decode(BitfieldTests.goldenHex)
        let samples = try [golden, [124, 71, 34, 2], Bitfield((0..<500).map { UInt64($0) * 1_000_003 }).rlePlusBytes]
        for sample in samples {
            // Every cut of the short samples; every 11th of the golden one, and its last 64.
            let lengths = Set(stride(from: 0, through: sample.count, by: sample.count > 1_000 ? 11 : 1))
                .union(Swift.max(0, sample.count - 64)...sample.count)
            for length in lengths.sorted() { expectSameVerdict(Array(sample.prefix(length)), "prefix \(length)") }
        }
    }

    @Test(arguments: 1...4)
    func randomAndMutatedBytes(seed: UInt64) throws {
        var rng = AddressFixtures.Generator(state: seed)
        let golden = try Hex.decode(BitfieldTests.goldenHex)
        for step in 0..<1_000 {
            var bytes: [UInt8]
            if step % 2 == 0 {
                bytes = (0..<Int.random(in: 0...24, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                if rng.next() % 2 == 0, !bytes.isEmpty { bytes[0] &= 0xfc }
                if rng.next() % 4 == 0 { bytes.append(contentsOf: [UInt8](repeating: 0xff, count: 12)) }
            } else {
                bytes = golden
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            expectSameVerdict(bytes, "seed \(seed) step \(step)")
        }
    }
}
