/// Set operations, each a single merge over both operands' runs: O(runs), whatever the indices.
extension Bitfield {
    /// The bits set in either (go-bitfield `MergeBitFields`).
    public func union(_ other: Bitfield) -> Bitfield {
        if other.isEmpty { return Bitfield(normalizedRanges: ranges) }
        if isEmpty { return Bitfield(normalizedRanges: other.ranges) }
        var merged: [Range<UInt64>] = []
        merged.reserveCapacity(ranges.count + other.ranges.count)
        var left = 0
        var right = 0
        while left < ranges.count || right < other.ranges.count {
            if right == other.ranges.count
                || (left < ranges.count && ranges[left].lowerBound <= other.ranges[right].lowerBound)
            {
                merged.append(ranges[left])
                left += 1
            } else {
                merged.append(other.ranges[right])
                right += 1
            }
        }
        return Bitfield(normalizedRanges: Self.coalesce(sortedByLowerBound: merged))
    }

    /// The bits set in any of `bitfields` (go-bitfield `MultiMerge`); empty for none.
    public static func union(_ bitfields: some Sequence<Bitfield>) -> Bitfield {
        var all: [Range<UInt64>] = []
        for bitfield in bitfields { all.append(contentsOf: bitfield.ranges) }
        if !isSortedByLowerBound(all) { all.sort { $0.lowerBound < $1.lowerBound } }
        return Bitfield(normalizedRanges: coalesce(sortedByLowerBound: all))
    }

    /// The bits set in both (go-bitfield `IntersectBitField`).
    public func intersection(_ other: Bitfield) -> Bitfield {
        var result: [Range<UInt64>] = []
        var left = 0
        var right = 0
        while left < ranges.count && right < other.ranges.count {
            let a = ranges[left]
            let b = other.ranges[right]
            let low = Swift.max(a.lowerBound, b.lowerBound)
            let high = Swift.min(a.upperBound, b.upperBound)
            // Pieces cannot touch: each ends where one operand's run ends, before a gap of it.
            if low < high { result.append(low..<high) }
            if a.upperBound < b.upperBound { left += 1 } else { right += 1 }
        }
        return Bitfield(normalizedRanges: result)
    }

    /// The bits set here and not in `other` (go-bitfield `SubtractBitField`).
    public func subtracting(_ other: Bitfield) -> Bitfield {
        var result: [Range<UInt64>] = []
        var cut = 0
        for range in ranges {
            var start = range.lowerBound
            while cut < other.ranges.count && other.ranges[cut].upperBound <= start { cut += 1 }
            var next = cut
            while next < other.ranges.count && other.ranges[next].lowerBound < range.upperBound {
                let hole = other.ranges[next]
                if hole.lowerBound > start { result.append(start..<hole.lowerBound) }
                start = Swift.max(start, hole.upperBound)
                if start >= range.upperBound { break }
                next += 1
            }
            if start < range.upperBound { result.append(start..<range.upperBound) }
            // The last hole may reach into the next run: look at it again there.
            cut = next
        }
        return Bitfield(normalizedRanges: result)
    }

    /// Whether every bit set here is set in `other`.
    public func isSubset(of other: Bitfield) -> Bool {
        var cover = 0
        for range in ranges {
            while cover < other.ranges.count && other.ranges[cover].upperBound <= range.lowerBound {
                cover += 1
            }
            guard cover < other.ranges.count,
                other.ranges[cover].lowerBound <= range.lowerBound,
                range.upperBound <= other.ranges[cover].upperBound
            else { return false }
        }
        return true
    }

    /// Whether no bit is set in both.
    public func isDisjoint(with other: Bitfield) -> Bool { intersection(other).isEmpty }

    /// Sets `index` (go-bitfield `Set`). Like any change, even one to a bit already set, it
    /// makes `rlePlusBytes` the canonical encoding, as go-bitfield re-encodes a modified field.
    ///
    /// - Throws: `BitfieldError.indexTooLarge` above `maxIndex`.
    public mutating func insert(_ index: UInt64) throws(BitfieldError) {
        guard index <= Self.maxIndex else { throw .indexTooLarge(index) }
        self = union(Bitfield(normalizedRanges: [index..<(index + 1)]))
    }

    /// Clears `index` (go-bitfield `Unset`); `rlePlusBytes` becomes canonical, as for `insert`.
    public mutating func remove(_ index: UInt64) {
        guard index <= Self.maxIndex else {
            decodedEncoding = nil
            return
        }
        self = subtracting(Bitfield(normalizedRanges: [index..<(index + 1)]))
    }
}
