import DagCBOR
import FilecoinTypes
import Foundation
import Testing

/// Random sets held against a plain `Set<UInt64>`: every operation, the RLE+ bytes against the
/// plain reference codec, and the CBOR and JSON round trips. Seeded, so a failure names its seed.
@Suite("Bitfield: properties against Set<UInt64>")
struct BitfieldPropertyTests {
    typealias Generator = AddressFixtures.Generator

    /// Where a pair of sets lives: both near one base, so that they overlap.
    static func base(_ rng: inout Generator) -> UInt64 {
        switch rng.next() % 4 {
        case 0, 1: 0
        case 2: UInt64.random(in: 0...(Bitfield.maxIndex - 10_000), using: &rng)
        default: Bitfield.maxIndex - 9_999
        }
    }

    /// A set of a few thousand indices at most: dense stretches, runs, the 2,349 sectors of a
    /// partition, and isolated indices anywhere up to `Bitfield.maxIndex`.
    static func randomSet(base: UInt64, _ rng: inout Generator) -> Set<UInt64> {
        var set = Set<UInt64>()
        let shape = rng.next() % 8
        if shape == 0 { return set }
        if shape & 1 == 1 {
            let length = UInt64.random(in: 1...400, using: &rng)
            let keep = UInt64.random(in: 2...4, using: &rng)
            for offset in 0..<length where rng.next() % keep != 0 { set.insert(base + offset) }
        }
        if shape & 2 == 2 {
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                let start = UInt64.random(in: 0..<9_800, using: &rng)
                for offset in 0..<UInt64.random(in: 1...200, using: &rng) { set.insert(base + start + offset) }
            }
        }
        if shape & 4 == 4 {
            if rng.next() % 2 == 0 {
                for sector in UInt64(0)..<2_349 where rng.next() % 3 != 0 { set.insert(base + sector) }
            }
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                set.insert(UInt64.random(in: 0...Bitfield.maxIndex, using: &rng))
            }
            if rng.next() % 2 == 0 { set.formUnion([0, 1 << 63, Bitfield.maxIndex - 1, Bitfield.maxIndex]) }
        }
        return set
    }

    /// The model's cut: each kept index moves down by the removed indices below it.
    static func cut(_ a: Set<UInt64>, _ b: Set<UInt64>) -> [UInt64] {
        let removed = b.sorted()
        var below = 0
        var result: [UInt64] = []
        for index in a.sorted() {
            while below < removed.count && removed[below] < index { below += 1 }
            if b.contains(index) { continue }
            result.append(index - UInt64(below))
        }
        return result
    }

    static func check(_ field: Bitfield, equals model: Set<UInt64>, _ context: String) throws {
        let sorted = model.sorted()
        #expect(Array(field) == sorted, "\(context)")
        #expect(field.count == UInt64(sorted.count), "\(context)")
        #expect(field.first == sorted.first && field.last == sorted.last, "\(context)")
        #expect(field.isEmpty == sorted.isEmpty, "\(context)")
        #expect(try field.all(max: UInt64(sorted.count)) == sorted, "\(context)")
        if !sorted.isEmpty {
            #expect(throws: BitfieldError.tooManyBits(count: UInt64(sorted.count), max: UInt64(sorted.count - 1))) {
                try field.all(max: UInt64(sorted.count - 1))
            }
        }
        // Runs: sorted, non-empty, neither overlapping nor touching.
        for (left, right) in zip(field.ranges, field.ranges.dropFirst()) {
            #expect(left.upperBound < right.lowerBound, "\(context): runs \(left) and \(right)")
        }
        #expect(field.ranges.allSatisfy { !$0.isEmpty }, "\(context)")
    }

    static func checkEncodings(_ field: Bitfield, _ context: String) throws {
        let bytes = field.rlePlusBytes
        #expect(bytes == RLEPlusReference.encode(field.ranges), "\(context)")
        #expect(bytes.last != 0, "\(context): not minimally encoded")
        let decoded = try Bitfield(rlePlusBytes: bytes)
        #expect(decoded == field, "\(context)")
        #expect(try RLEPlusReference.decode(bytes).get() == field.ranges, "\(context)")
        let cbor = field.cborBytes
        #expect(try Bitfield(cborBytes: cbor) == field, "\(context)")
        #expect(try Bitfield(cborBytes: cbor).cborBytes == cbor, "\(context)")
        let json = try JSONEncoder().encode(field)
        #expect(try JSONDecoder().decode(Bitfield.self, from: json) == field, "\(context)")
    }

    @Test(arguments: 1...8)
    func operationsMatchASet(seed: UInt64) throws {
        var rng = Generator(state: seed)
        for step in 0..<16 {
            let context = "seed \(seed) step \(step)"
            let base = Self.base(&rng)
            let modelA = Self.randomSet(base: base, &rng)
            let modelB = Self.randomSet(base: base, &rng)
            let a = try Bitfield(modelA)
            let b = try Bitfield(modelB.sorted())
            #expect(b == Bitfield(ranges: b.ranges.shuffled(using: &rng)), "\(context): from ranges")
            try Self.check(a, equals: modelA, context + " a")
            try Self.check(b, equals: modelB, context + " b")
            try Self.check(a.union(b), equals: modelA.union(modelB), context + " union")
            try Self.check(a.intersection(b), equals: modelA.intersection(modelB), context + " intersection")
            try Self.check(a.subtracting(b), equals: modelA.subtracting(modelB), context + " subtracting")
            try Self.check(b.subtracting(a), equals: modelB.subtracting(modelA), context + " subtracting")
            #expect(a.isSubset(of: b) == modelA.isSubset(of: modelB), "\(context)")
            #expect(a.intersection(b).isSubset(of: b) && a.isSubset(of: a.union(b)), "\(context)")
            #expect(a.isDisjoint(with: b) == modelA.isDisjoint(with: modelB), "\(context)")
            #expect(Array(a.cut(b)) == Self.cut(modelA, modelB), "\(context) cut")
            #expect(Array(a.cut(a)) == [], "\(context) cut self")

            for index in Self.probes(modelA, &rng) {
                #expect(a.contains(index) == modelA.contains(index), "\(context) contains \(index)")
            }
            try Self.checkSlices(a, modelA, &rng, context)
            try Self.checkEncodings(a, context + " a")
            try Self.checkEncodings(a.union(b), context + " union")

            let more = (0..<Int.random(in: 0...4, using: &rng)).map { _ in Self.randomSet(base: base, &rng) }
            let all = [modelA, modelB] + more
            let fields = try all.map { try Bitfield($0) }
            try Self.check(Bitfield.union(fields), equals: all.reduce(into: Set()) { $0.formUnion($1) }, context + " multi")
            #expect(Bitfield.union([Bitfield]()) == .empty)

            var edited = a
            var model = modelA
            for index in Self.probes(modelA, &rng) {
                if rng.next() % 2 == 0 {
                    try edited.insert(index)
                    model.insert(index)
                } else {
                    edited.remove(index)
                    model.remove(index)
                }
            }
            try Self.check(edited, equals: model, context + " edited")
        }
    }

    /// Members, their neighbours, and a few indices anywhere.
    static func probes(_ model: Set<UInt64>, _ rng: inout Generator) -> [UInt64] {
        var probes: [UInt64] = [0, Bitfield.maxIndex]
        for member in model.shuffled(using: &rng).prefix(20) {
            probes += [member, member &- 1, member == Bitfield.maxIndex ? member : member + 1]
        }
        for _ in 0..<10 { probes.append(UInt64.random(in: 0...Bitfield.maxIndex, using: &rng)) }
        return probes.filter { $0 <= Bitfield.maxIndex }
    }

    static func checkSlices(_ field: Bitfield, _ model: Set<UInt64>, _ rng: inout Generator, _ context: String) throws {
        let sorted = model.sorted()
        for _ in 0..<5 {
            let start = Int.random(in: 0...(sorted.count + 1), using: &rng)
            let available = max(sorted.count - start, 0)
            let count = Int.random(in: 0...(available + 1), using: &rng)
            if count <= available {
                // Nothing to take is never too much, even from past the end (as in go-bitfield).
                let expected = count == 0 ? [] : Array(sorted[start..<(start + count)])
                #expect(Array(try field.slice(start: UInt64(start), count: UInt64(count))) == expected, "\(context) slice \(start) \(count)")
            } else {
                let available = UInt64(available)
                #expect(throws: BitfieldError.notEnoughBits(start: UInt64(start), count: UInt64(count), available: available)) {
                    try field.slice(start: UInt64(start), count: UInt64(count))
                }
            }
        }
    }

    /// Partitions hold up to 2,349 sectors; the worst case for runs is every other sector. The
    /// operations merge runs, so each costs the number of runs (about 1,200 here), never a scan of
    /// the bits; the time is printed, not asserted.
    @Test func partitionSizedOperations() throws {
        let everyOther = try Bitfield(stride(from: UInt64(0), to: 2_349, by: 2))
        var rng = Generator(state: 2_349)
        let modelRandom = Set((UInt64(0)..<2_349).filter { _ in rng.next() % 2 == 0 })
        let random = try Bitfield(modelRandom)
        let modelEveryOther = Set(stride(from: UInt64(0), to: 2_349, by: 2))
        try Self.check(everyOther.union(random), equals: modelEveryOther.union(modelRandom), "union")
        try Self.check(everyOther.intersection(random), equals: modelEveryOther.intersection(modelRandom), "and")
        try Self.check(everyOther.subtracting(random), equals: modelEveryOther.subtracting(modelRandom), "sub")
        let clock = ContinuousClock()
        var total: UInt64 = 0
        let elapsed = try clock.measure {
            for _ in 0..<200 {
                total &+= everyOther.union(random).count
                total &+= everyOther.intersection(random).count
                total &+= everyOther.subtracting(random).count
                total &+= UInt64(try Bitfield(rlePlusBytes: random.rlePlusBytes).ranges.count)
            }
        }
        print("Bitfield: 200 × (union, intersection, subtraction, RLE+ round trip) on 2,349-sector partitions: \(elapsed)")
        #expect(total > 0)
    }
}
