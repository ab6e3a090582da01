/// A set of bit indices, as go-bitfield's `BitField` holds sector numbers, partition and deadline
/// indices, faults and recoveries in the actors' state.
///
/// The set is kept as its runs of set bits, so a huge sparse set and a long dense range both stay
/// small, and every set operation costs the number of runs, never the number of bits. Its wire
/// form is RLE+ (`Bitfield+RLEPlus.swift`), in CBOR a byte string of at most `maxEncodedSize`
/// bytes (`Bitfield+CBOR.swift`), in Lotus JSON the run lengths (`Bitfield+LotusJSON.swift`).
///
/// Invariants: `ranges` are non-empty, sorted, and neither overlap nor touch (at least one unset
/// bit between two of them). Every index is at most `maxIndex`, which any `Range<UInt64>`
/// guarantees: its upper bound is at most `UInt64.max`.
///
/// Equality and hashing look at the set only. A bitfield decoded from RLE+ also remembers the
/// bytes it came from until it is changed, and writes those back (see `rlePlusBytes`).
public struct Bitfield: Sendable {
    /// The runs of set bits, in order; see the type's invariants.
    public internal(set) var ranges: [Range<UInt64>] {
        didSet { decodedEncoding = nil }
    }

    /// The RLE+ bytes this value was decoded from, while it is unchanged: go-bitfield writes an
    /// unmodified bitfield back byte for byte, even a valid but non-canonical encoding, and so
    /// must we for the same state root.
    var decodedEncoding: [UInt8]?

    /// The largest index a bitfield can hold: go-bitfield refuses runs that add up to more than
    /// `UInt64.max` bits, so the bit at `UInt64.max` can never be read back.
    public static let maxIndex: UInt64 = .max - 1

    /// go-bitfield's `MaxEncodedSize`: the longest RLE+ encoding CBOR reads or writes (32 KiB).
    public static let maxEncodedSize = 32 << 10

    /// The empty set.
    public static let empty = Bitfield()

    public init() {
        ranges = []
    }

    /// Takes ranges that already satisfy the invariants (the set operations build them so).
    init(normalizedRanges: [Range<UInt64>], decodedEncoding: [UInt8]? = nil) {
        ranges = normalizedRanges
        self.decodedEncoding = decodedEncoding
    }

    /// The union of `ranges`, given in any order; they may overlap, touch or be empty.
    public init(ranges: some Sequence<Range<UInt64>>) {
        var sorted = ranges.filter { !$0.isEmpty }
        if !Self.isSortedByLowerBound(sorted) { sorted.sort { $0.lowerBound < $1.lowerBound } }
        self.init(normalizedRanges: Self.coalesce(sortedByLowerBound: sorted))
    }

    /// The set of `indices`, in any order and with repeats (go-bitfield `NewFromSet`). Sorted
    /// input is taken as is.
    ///
    /// - Throws: `BitfieldError.indexTooLarge` for an index above `maxIndex`.
    public init(_ indices: some Sequence<UInt64>) throws(BitfieldError) {
        var sorted = Array(indices)
        var isSorted = true
        var previous: UInt64 = 0
        for index in sorted {
            guard index <= Self.maxIndex else { throw .indexTooLarge(index) }
            if index < previous { isSorted = false }
            previous = index
        }
        if !isSorted { sorted.sort() }
        var result: [Range<UInt64>] = []
        for index in sorted {
            if let last = result.last, index <= last.upperBound {
                if index == last.upperBound { result[result.count - 1] = last.lowerBound..<(index + 1) }
            } else {
                result.append(index..<(index + 1))
            }
        }
        self.init(normalizedRanges: result)
    }

    /// The set described by alternating runs, as go-bitfield's `RunIterator` yields them.
    ///
    /// - Throws: `.zeroLengthRun` for a run of length 0, `.sameValueRuns` for two runs in a row
    ///   with the same value (go-bitfield `ErrSameValRuns`), `.lengthOverflow` when the runs add
    ///   up to more than `UInt64.max` bits.
    public init(runs: some Sequence<(value: Bool, length: UInt64)>) throws(BitfieldError) {
        var result: [Range<UInt64>] = []
        var position: UInt64 = 0
        var previous: Bool?
        for (offset, run) in runs.enumerated() {
            guard run.length > 0 else { throw .zeroLengthRun(position: offset) }
            guard previous != run.value else { throw .sameValueRuns(position: offset) }
            previous = run.value
            let (end, overflow) = position.addingReportingOverflow(run.length)
            guard !overflow else { throw .lengthOverflow }
            if run.value { result.append(position..<end) }
            position = end
        }
        self.init(normalizedRanges: result)
    }

    /// Whether `ranges` are ordered by lower bound (the common case: skip the sort).
    static func isSortedByLowerBound(_ ranges: [Range<UInt64>]) -> Bool {
        zip(ranges, ranges.dropFirst()).allSatisfy { $0.lowerBound <= $1.lowerBound }
    }

    /// Merges overlapping and touching neighbours of non-empty ranges sorted by lower bound.
    static func coalesce(sortedByLowerBound ranges: [Range<UInt64>]) -> [Range<UInt64>] {
        var result: [Range<UInt64>] = []
        result.reserveCapacity(ranges.count)
        for range in ranges {
            if let last = result.last, range.lowerBound <= last.upperBound {
                if range.upperBound > last.upperBound {
                    result[result.count - 1] = last.lowerBound..<range.upperBound
                }
            } else {
                result.append(range)
            }
        }
        return result
    }
}

extension Bitfield {
    /// Whether no bit is set.
    public var isEmpty: Bool { ranges.isEmpty }

    /// The number of set bits (go-bitfield `Count`). Never overflows: every index is below
    /// `UInt64.max`.
    public var count: UInt64 {
        ranges.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) }
    }

    /// The lowest set bit, nil when empty (go-bitfield `First`, whose `ErrNoBitsSet` is nil here).
    public var first: UInt64? { ranges.first?.lowerBound }

    /// The highest set bit, nil when empty (go-bitfield `Last`).
    public var last: UInt64? { ranges.last.map { $0.upperBound - 1 } }

    /// Whether `index` is set (go-bitfield `IsSet`): a binary search over the runs.
    public func contains(_ index: UInt64) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound <= index {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < ranges.count && ranges[low].contains(index)
    }
}

extension Bitfield: Hashable {
    public static func == (lhs: Bitfield, rhs: Bitfield) -> Bool { lhs.ranges == rhs.ranges }

    public func hash(into hasher: inout Hasher) { hasher.combine(ranges) }
}

extension Bitfield: CustomStringConvertible {
    /// The runs of set bits, e.g. `[0-2, 5, 9-11]`.
    public var description: String {
        let runs = ranges.map { range in
            range.upperBound - range.lowerBound == 1
                ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound - 1)"
        }
        return "[" + runs.joined(separator: ", ") + "]"
    }
}
