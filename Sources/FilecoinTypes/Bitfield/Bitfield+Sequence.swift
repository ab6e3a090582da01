/// Iterates over the set bits in increasing order (go-bitfield `ForEach`, `BitIterator`).
extension Bitfield: Sequence {
    public struct Iterator: IteratorProtocol {
        private let ranges: [Range<UInt64>]
        private var rangeIndex = 0
        private var upcoming: UInt64

        init(_ ranges: [Range<UInt64>]) {
            self.ranges = ranges
            upcoming = ranges.first?.lowerBound ?? 0
        }

        public mutating func next() -> UInt64? {
            guard rangeIndex < ranges.count else { return nil }
            let value = upcoming
            if value + 1 < ranges[rangeIndex].upperBound {
                upcoming = value + 1
            } else {
                rangeIndex += 1
                if rangeIndex < ranges.count { upcoming = ranges[rangeIndex].lowerBound }
            }
            return value
        }
    }

    public func makeIterator() -> Iterator { Iterator(ranges) }
}
