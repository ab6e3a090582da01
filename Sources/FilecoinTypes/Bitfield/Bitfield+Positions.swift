/// Operations on the set bits by their position in order (the n-th set bit), run by run.
extension Bitfield {
    /// Removes the bits of `other` and closes the holes: every bit kept moves down by the number
    /// of bits of `other` below it (go-bitfield `CutBitField`).
    ///
    /// For example `{1, 3, 4, 5}.cut({1, 2})` is `{1, 2, 3}`.
    public func cut(_ other: Bitfield) -> Bitfield {
        var result: [Range<UInt64>] = []
        var removedBelow: UInt64 = 0
        var next = 0
        // A kept piece contains no bit of `other`, so all of it moves by the same amount: the
        // bits of `other`'s runs that end at or before its start.
        for piece in subtracting(other).ranges {
            while next < other.ranges.count && other.ranges[next].upperBound <= piece.lowerBound {
                removedBelow += other.ranges[next].upperBound - other.ranges[next].lowerBound
                next += 1
            }
            let moved = (piece.lowerBound - removedBelow)..<(piece.upperBound - removedBelow)
            if let last = result.last, last.upperBound == moved.lowerBound {
                result[result.count - 1] = last.lowerBound..<moved.upperBound
            } else {
                result.append(moved)
            }
        }
        return Bitfield(normalizedRanges: result)
    }

    /// The `count` set bits that follow the first `start` set bits, at their own indices
    /// (go-bitfield `Slice`).
    ///
    /// For example `{0, 2, 3, 5, 6}.slice(start: 2, count: 2)` is `{3, 5}`.
    ///
    /// - Throws: `BitfieldError.notEnoughBits` when fewer than `count` bits follow `start`.
    public func slice(start: UInt64, count: UInt64) throws(BitfieldError) -> Bitfield {
        var toSkip = start
        var toTake = count
        var result: [Range<UInt64>] = []
        for range in ranges where toTake > 0 {
            let length = range.upperBound - range.lowerBound
            if toSkip >= length {
                toSkip -= length
                continue
            }
            let from = range.lowerBound + toSkip
            let taken = Swift.min(range.upperBound - from, toTake)
            result.append(from..<(from + taken))
            toSkip = 0
            toTake -= taken
        }
        guard toTake == 0 else {
            let total = self.count
            throw .notEnoughBits(start: start, count: count, available: total > start ? total - start : 0)
        }
        return Bitfield(normalizedRanges: result)
    }

    /// Every set bit in order, refusing more than `max` of them (go-bitfield `All`).
    ///
    /// - Throws: `BitfieldError.tooManyBits` when more than `max` bits are set.
    public func all(max: UInt64) throws(BitfieldError) -> [UInt64] {
        let total = count
        guard total <= max else { throw .tooManyBits(count: total, max: max) }
        var result: [UInt64] = []
        // Only what memory can surely hold: `max` comes from the caller and may be huge.
        result.reserveCapacity(Int(Swift.min(total, 1 << 20)))
        for range in ranges {
            var index = range.lowerBound
            while index < range.upperBound {
                result.append(index)
                index += 1
            }
        }
        return result
    }
}
