import DagCBOR
import FilecoinTypes
import Foundation
import GoCompat
import Testing

/// go-bitfield's published cases (filecoin-project/go-bitfield at 7744913, `rle/rleplus_test.go`,
/// `rle/rleplus_golden_test.go`, `rle/internal/rleplus/rleplus_test.go`, `bitfield_test.go`),
/// transcribed as inputs and the exact bytes, runs or errors go-bitfield gives.
@Suite("Bitfield: go-bitfield cases")
struct BitfieldTests {
    private func bitfield(_ indices: [UInt64]) throws -> Bitfield { try Bitfield(indices) }

    /// `TestDecode`: the Rust reference implementation's bytes with the version bits added.
    @Test func rustReferenceEncoding() throws {
        let indices: [UInt64] = [0, 2, 4, 5, 6] + Array(11...27)
        let field = try bitfield(indices)
        #expect(field.rlePlusBytes == [124, 71, 34, 2])
        #expect(Array(try Bitfield(rlePlusBytes: [124, 71, 34, 2])) == indices)
    }

    /// internal/rleplus `Encode`: the same set, spelled as its bit stream.
    @Test func bitStreamOfTheReferenceSet() throws {
        let stream = "00 1 1 1 1 1 011100 010010 00 10001000"
        let field = try bitfield([0, 2, 4, 5, 6] + Array(11...27))
        #expect(field.rlePlusBytes == RLEPlusReference.pack(stream))
    }

    /// internal/rleplus "Encode for some big numbers": {2^63 ..< 2^63 + 1024}.
    @Test func runAtTwoToTheSixtyThree() throws {
        let field = Bitfield(ranges: [(1 << 63)..<((1 << 63) + 1024)])
        #expect(field.rlePlusBytes == [0x00, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x30, 0x00, 0x40, 0x04])
        #expect(try Bitfield(rlePlusBytes: field.rlePlusBytes) == field)
    }

    /// internal/rleplus "Encode allows all runs sizes possible uint64": the old encoder wrote
    /// {2^64-1} as these bytes, which the current reader refuses (its runs pass 2^64-1 bits), so
    /// that index cannot be set at all.
    @Test func indexTwoToTheSixtyFourMinusOneIsRefused() throws {
        let oldEncoding: [UInt8] = [0xe0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f, 0x20]
        #expect(throws: BitfieldError.lengthOverflow) { try Bitfield(rlePlusBytes: oldEncoding) }
        #expect(throws: BitfieldError.indexTooLarge(.max)) { try Bitfield([UInt64.max]) }
        // One below is the largest index there is, and it round-trips.
        let largest = Bitfield(ranges: [Bitfield.maxIndex..<UInt64.max])
        #expect(try Bitfield(rlePlusBytes: largest.rlePlusBytes) == largest)
        #expect(Array(largest) == [UInt64.max - 1])
    }

    /// internal/rleplus "Decode version check" and "Decode returns an error with a bad encoding".
    @Test func versionAndOverlongRun() throws {
        #expect(throws: BitfieldError.wrongVersion(3)) { try Bitfield(rlePlusBytes: [0xff]) }
        let overlong: [UInt8] = [0xe0] + [UInt8](repeating: 0xff, count: 11)
        #expect(throws: BitfieldError.runTooLong) { try Bitfield(rlePlusBytes: overlong) }
    }

    /// internal/rleplus "Decode" and "RunLengths": sets, their runs (Lotus JSON form) and a round trip.
    @Test(arguments: [
        ([], [0]),
        ([0], [0, 1]),
        ([1], [1, 1]),
        ([0, 1], [0, 2]),
        ([0, 1, 2, 3], [0, 4]),
        ([2], [2, 1]),
        ([0, 0xffff_ffff, 0x1_0000_0000], [0, 1, 0xffff_ffff - 1, 2]),
        ([10, 11, 13, 20], [10, 2, 1, 1, 6, 1]),
        ([10, 11, 11, 13, 20, 10, 11, 13, 20], [10, 2, 1, 1, 6, 1]),
    ] as [([UInt64], [UInt64])])
    func runLengths(indices: [UInt64], runs: [UInt64]) throws {
        let field = try bitfield(indices)
        #expect(field.runLengths == runs)
        #expect(try Bitfield(runLengths: runs) == field)
        #expect(Array(try Bitfield(rlePlusBytes: field.rlePlusBytes)) == Array(Set(indices)).sorted())
    }

    /// `TestGolden` and `TestGoldenLoop`: 10,000 bits in runs, decoded as the plain reference
    /// reads them, and encoded back to the same bytes.
    @Test func golden() throws {
        let golden = try Hex.decode(Self.goldenHex)
        let field = try Bitfield(rlePlusBytes: golden)
        #expect(field.ranges == (try RLEPlusReference.decode(golden).get()))
        #expect(field.canonicalRLEPlusBytes == golden)
        #expect(field.union(.empty).rlePlusBytes == golden)
    }

    /// `TestAll8bit`: runs covering every 6-bit prefix (1 to 6 ones, then runs of 1 to 63) and
    /// every length from 3 to 255, encoded and read back.
    @Test func allEightBitPatterns() throws {
        var lengths: [UInt64] = []
        for k in UInt64(1)..<64 {
            for i in 1..<7 {
                lengths += [UInt64](repeating: 1, count: i)
                lengths.append(k)
            }
        }
        lengths += Array(3..<256)
        let runs = lengths.enumerated().map { (value: $0.offset % 2 == 0, length: $0.element) }
        let field = try Bitfield(runs: runs)
        let decoded = try Bitfield(rlePlusBytes: field.rlePlusBytes)
        #expect(decoded == field)
        #expect(decoded.ranges == (try RLEPlusReference.decode(field.rlePlusBytes).get()))
        #expect(field.rlePlusBytes == RLEPlusReference.encode(field.ranges))
    }

    /// `TestEncodeConsecutiveFails`.
    @Test func consecutiveRunsWithTheSameValue() throws {
        #expect(throws: BitfieldError.sameValueRuns(position: 1)) {
            try Bitfield(runs: [(value: true, length: 5), (value: true, length: 8)])
        }
        #expect(throws: BitfieldError.zeroLengthRun(position: 1)) {
            try Bitfield(runs: [(value: false, length: 5), (value: true, length: 0)])
        }
    }

    /// `TestBitfieldOrDifferentLenZeroSuffix`, `TestBitfieldSubDifferentLenZeroSuffix`: results
    /// with no set bit encode to no bytes.
    @Test func emptyResultsEncodeToNothing() throws {
        let a = try Bitfield(runs: [(value: false, length: 5)])
        let b = try Bitfield(runs: [(value: false, length: 8)])
        #expect(a.union(b).rlePlusBytes == [])
        let c = try Bitfield(runs: [(value: true, length: 5), (value: false, length: 5)])
        let d = try Bitfield(runs: [(value: true, length: 5), (value: false, length: 8)])
        #expect(c.subtracting(d).rlePlusBytes == [])
        #expect(c.subtracting(d).count == 0)
    }

    /// `TestUninitializedBitField`: the empty bitfield is the empty CBOR byte string.
    @Test func emptyBitfieldInCBOR() throws {
        #expect(Bitfield().cborBytes == [0x40])
        #expect(try Bitfield([]).cborBytes == [0x40])
        #expect(try Bitfield(cborBytes: [0x40]) == .empty)
    }

    /// `TestBitfieldJson` and `MarshalJSON`'s example; `TestEmptyBitfieldJson`.
    @Test func lotusJSON() throws {
        let field = try bitfield([1, 5, 6, 7, 10, 11, 12, 15])
        #expect(String(decoding: try JSONEncoder().encode(field), as: UTF8.self) == "[1,1,3,3,2,3,2,1]")
        let example = try JSONDecoder().decode(Bitfield.self, from: Data("[0,3,5,2]".utf8))
        #expect(Array(example) == [0, 1, 2, 8, 9])
        #expect(String(decoding: try JSONEncoder().encode(Bitfield()), as: UTF8.self) == "[0]")
        for empty in ["[0]", "[]", "null", "[7]"] {
            #expect(try JSONDecoder().decode(Bitfield.self, from: Data(empty.utf8)) == .empty, "\(empty)")
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Bitfield.self, from: Data("[1,0,2]".utf8)) }
        #expect(throws: BitfieldError.zeroLengthRun(position: 1)) { try Bitfield(runLengths: [1, 0, 2]) }
    }

    /// `TestBitfieldSliceSmall`: every (start, count) over a small set.
    @Test func sliceSmall() throws {
        let values: [UInt64] = [1, 5, 6, 7, 10, 11, 12, 15]
        let field = try bitfield(values)
        for start in 0..<values.count {
            for count in 0..<(values.count - start) {
                let slice = try field.slice(start: UInt64(start), count: UInt64(count))
                #expect(try slice.all(max: 10_000) == Array(values[start..<(start + count)]), "\(start) \(count)")
            }
        }
        #expect(throws: BitfieldError.notEnoughBits(start: 6, count: 3, available: 2)) {
            try field.slice(start: 6, count: 3)
        }
    }

    /// `TestBitfieldSubtractMore`.
    @Test func subtractMore() throws {
        let have = try bitfield([5, 6, 8, 10, 11, 13, 14, 17])
        let parts = try [[5, 6], [8, 10], [11, 13], [14, 17]].map { try bitfield($0).subtracting(have) }
        #expect(Bitfield.union(parts).count == 0)
    }

    /// `TestBitfieldSubtractLargeElement`.
    @Test func subtractLargeElement() throws {
        let a = try bitfield([1, 2, UInt64.max - 1])
        #expect(try a.subtracting(try bitfield([1])).all(max: 10_000) == [2, UInt64.max - 1])
    }

    /// `TestBitfieldSetUnset`.
    @Test func setAndUnset() throws {
        var field = try bitfield([5, 6, 8, 10, 11, 13, 14, 17])
        for index: UInt64 in [3, 4, 5] { try field.insert(index) }
        for index: UInt64 in [3, 6, 7] { field.remove(index) }
        #expect(try field.all(max: 100) == [4, 5, 8, 10, 11, 13, 14, 17])
    }

    /// `TestBitfieldCutSame`, `CutBitField`'s example, `TestLastEmpty`, `TestBitfieldAllMap`'s limit.
    @Test func cutFirstLastAndLimits() throws {
        let a = try bitfield([1, 3, 4, 5])
        #expect(a.cut(a).isEmpty)
        #expect(Array(a.cut(try bitfield([1, 2]))) == [1, 2, 3])
        #expect(Bitfield().first == nil && Bitfield().last == nil && Bitfield().isEmpty)
        #expect(a.first == 1 && a.last == 5)
        #expect(throws: BitfieldError.tooManyBits(count: 4, max: 3)) { try a.all(max: 3) }
        #expect(throws: BitfieldError.tooManyBits(count: 4, max: 0)) { try a.all(max: 0) }
    }
}

extension BitfieldTests {
    /// `goldenRLE` from `rle/rleplus_golden_test.go`, as hex.
    static let goldenHex = """
        20fc40c2cce5d8c1e11e23d3022ecd033e8316263a5c308e0005cc240e961548a02a4004920e94c04891ee0528985590a0a4
        5098144004590a220074b0406630f9669051c7707440487ff080242085580607660487e5052800a4f0612e900844703834f0
        084f7068add0901e9038c1857604157c0428281770e0150082fb110b760922b82f90205f8084c91085660905c9032d19a45a
        7045a540c2056c4a0f64f419b040288b026c203e90400119ea0920602f50601500046906b18ca985c61f13543e5840176041
        2e8a423c8b0b3f08105c3238d41e68185b70c12c06176c17f87436289c0e2002a1840fa2820ebf824529840716251012388c
        135041ff03137016808163858fa0810ae18084a38189ff84c73c8749bb814b2182032f838429838ce000408cda2042061364
        0724850ca621246c077420133c021354ba1d149e0be00039820a720b80605320d50e32d50e12b9014490275159e012c304e8
        017840d8e0037b60936b2072f820f1e1e04d90df021f690336308d2082580a8fec028de8001155815817a082a58188b68388
        ed8688e0864b6e8245e189c82c41780912bd9150014290857069b520835e028dfb020ffb0a09cc048be40587c9020ffc015c
        080fd0014ed0604d50a13cf0206c88e1415c111cc8254cc01d1c4e61542a0514f6543c0b44e40564421f643223a020f9010c
        4027f8403cc08272010dd14311010daa35c8e01e42415b208b040ec9030aea013e5f12ab0740f0ad60426fa1d239609164f1
        e4103f60c25c9462071f670587cc079fee0e13d80238a0b520024e01857c0c4eb0de90802c50d87788f680042285cef282cb
        b4051468a97077b8341bf001ec0113581a78880b58802798204b50416984c96381087b0610d81e381c1768002ea8e42378dc
        0a28380b28cc1f40016f83887582c78c04ec0828cc7be4b8000e46352cc22db8e0b542a2754002fcc4439841a15640c45a01
        13da335cf20744743f5c5a492464032cd823347819b8611542a3c64673800a521700a17d402619c106f0404590c281f6c022
        f3801502072c9a03d8c09521bb04800099e090192193fe21431a9064022e2065c87986c478042a389e5082af05175033a042
        210524c00f64b040e53a42c1fd023c100988405a40841141837f42821003088a1bc8c0b281166e68211a021130004271c1e7
        891860053c703ca23514e62598209720a802268e126c302aa0225ec2058f080aea040a9b043ef4032e92052665e0280e3850
        b02f61e16aa0f32c12490626208430515d90b05770113d7010531c98f8540002c31058b04db0200d71404d200479051f7b01
        89690228c817308115d0c05f50191e724d8dc101917e0534300e91c9742084d5130b610d8fd80032884e2004d784bc06386c
        1fc8e01268b416a0413a0727901a88180aa57125f109a8509de182bc8104c9097c103e4005e9023ace0d5c70fa60914109c7
        080a93037ca03fe0534b4006ea0d0acd180a83052a290ec30154b07c4104af025440be2041a72129e1626a8108b80464b029
        a0b07fe0003ac005cb02b8e06ec008da1378e01a0004e2080a1b169d3588000a61e31d61a18fe0e37d00085616b9057c505a
        e2d1c94008930a36c4020ef7150aae1b0a830d36e80a16de113e890b5070d910ca0038c08fc18377860c1be8009e78080ba0
        c3b78482184b543b7081be41cc0d08618e17000dd8403420bd120e83163a8a1648d059e0214c6042aaa060690005b9021294
        0f4860fe9066034ef84c50d85f70991fd0f0558874810d6b8084b98dc734814ea48a82a10215400770817f8d036102111c1e
        78b81a8002a380026980c7f3012cdc139081ad8188b8818278844eb68345b30637905e6848822800c101e58086f281ccb981
        88eb8003b7878d698345740522844348489fa4f340a478800bec0b2c080774881534c2a2a1330dc1089118f0603840078301
        8c10194004bb1a68302b6092aa8008ef0254507f800a89023294171ae1040ea6010a970b16e40a913c90f91e10f12570291d
        a082f00440e8564005540f1bc6012a9835f030bd8007d90620905e09f90b1cac2220c1964f70804bae8147b98d8d3d824565
        80cab905186c26a45340c7b2c206df800aa02930233281087c3c3e37b820d7800bfc2524e81d2c500d3ce088603a830ca611
        b25cc107f2012ace0112d7640eb207a96ed0711d7080e5086d83846a0019780e48c4078081ae80443f01134c1f58e04a488c
        2e047881167a0590a0ddc3a7d8c244fc4002da000c5411e0c0ba80097a09a00052406151446712030c000f70e131c0e1b6c2
        a1b9c1465040019b011ac211724ca1025b20b128c004c7124000ee0008d12a32d011817fa084770a93c80097e70109500105
        f50085ee039359823c59145228a40b28300a844d817f43a756800b920f3c9847a8003520de032a8b022e8f06584058e0334d
        c10ac006c0c00405f50416fa2660609ca0632f2013be810c970d32d001223e802049e05018210219e020bd10c8049b400d24
        e0cd90e903821611282ad0b50083730b19d6071b710526286d00827f052ab8568084790486a07e5020e303203688af9091d5
        6082e40193f40895c0051b610687c30147b54151c9260003c1008746058f5a0195ef0989ca008bf702195b0b32088202ec00
        132311400420e0265189854084c2010f51010d086ef86e00826a010f72042c404d5041160867464a0d90c0fec14230010950
        0d5c1609c000f6412792c0637ac2a19c402127ec254c801b20812ba00018e0e16a2102a3d2afe0037a000499265070cfa0e1
        58a1d338a0307920d23a20b35e60a1eb8005c8014cc05ba060c841046dc820ab10e3071f4b072870178084f906469044f040
        f66005ca071bcf020b611215
        """.filter { !$0.isWhitespace }
}
