/// Lotus JSON: the run lengths, alternating unset and set and starting with an unset run (so a
/// set holding bit 0 starts with 0). `{0, 1, 2, 8, 9}` is `[0, 3, 5, 2]`; the empty set is `[0]`.
extension Bitfield: Codable {
    /// The run lengths of the JSON form; no trailing unset run.
    public var runLengths: [UInt64] {
        guard let first = ranges.first else { return [0] }
        var lengths: [UInt64] = [first.lowerBound]
        var position: UInt64 = first.lowerBound
        for range in ranges {
            if range.lowerBound > position { lengths.append(range.lowerBound - position) }
            lengths.append(range.upperBound - range.lowerBound)
            position = range.upperBound
        }
        return lengths
    }

    /// The set with run lengths `lengths`, read as go-bitfield's `UnmarshalJSON` reads them: only
    /// the first run may be 0; a trailing unset run is dropped; `[]` is the empty set.
    ///
    /// - Throws: `.zeroLengthRun` for a later 0; `.lengthOverflow` for runs adding up to more than
    ///   `UInt64.max` bits (go-bitfield takes those and fails when the field is used).
    public init(runLengths lengths: [UInt64]) throws(BitfieldError) {
        var result: [Range<UInt64>] = []
        var position: UInt64 = 0
        for (offset, length) in lengths.enumerated() {
            guard length > 0 else {
                if offset == 0 { continue }
                throw .zeroLengthRun(position: offset)
            }
            let (end, overflow) = position.addingReportingOverflow(length)
            guard !overflow else { throw .lengthOverflow }
            if offset % 2 == 1 { result.append(position..<end) }
            position = end
        }
        self.init(normalizedRanges: result)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self.init()
            return
        }
        do {
            try self.init(runLengths: try container.decode([UInt64].self))
        } catch let error as BitfieldError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(runLengths)
    }
}
