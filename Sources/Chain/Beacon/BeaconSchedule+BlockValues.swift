import DagCBOR
import FilecoinTypes

/// The beacon entries a block carries: which ones a producer puts in (Lotus `BeaconEntriesForBlock`)
/// and the checks a validator makes of them (Lotus `ValidateBlockValues`), in Lotus's order.
extension BeaconSchedule {
    /// Checks `header`'s beacon entries against `previous`, the newest entry on the chain before it
    /// (found by `BeaconEntryLookup`), for a block whose parent tipset is at `parentEpoch`.
    public func validateBlockValues(
        networkVersion: UInt64, header: BlockHeader, parentEpoch: Int64, previous: BeaconEntry
    ) throws(BeaconValidationError) {
        let entries = header.beaconEntries
        let current = beacon(forEpoch: header.height)
        // A switch to a chained beacon: the block carries its first two entries, the second
        // verified against the first.
        if pointIndex(forEpoch: parentEpoch) != pointIndex(forEpoch: header.height) && current.isChained {
            guard entries.count == 2 else { throw .forkEntryCount(got: entries.count) }
            do {
                try current.verify(entries[1], previous: entries[0])
            } catch {
                throw .forkEntryInvalid(error)
            }
            return
        }

        let maxRound = current.maxRound(forEpoch: header.height, networkVersion: networkVersion)
        if maxRound == previous.round {
            guard entries.isEmpty else { throw .unexpectedEntries(count: entries.count) }
            return
        }
        guard let last = entries.last else { throw .missingEntries }

        // The genesis entry (round 0) is not a beacon's: a chained beacon cannot verify against it.
        if current.isChained && previous.round == 0 { return }

        guard last.round == maxRound else { throw .finalRoundMismatch(expected: maxRound, got: last.round) }

        // An unchained beacon's entries must be exactly the rounds of the epochs since the parent;
        // a chained beacon's are held together by their signatures instead.
        if !current.isChained {
            for (index, entry) in entries.enumerated() {
                let epoch = parentEpoch + Int64(index) + 1
                let expected = current.maxRound(forEpoch: epoch, networkVersion: networkVersion)
                guard entry.round == expected else {
                    throw .roundMismatch(index: index, epoch: epoch, expected: expected, got: entry.round)
                }
            }
        }

        var previous = previous
        for (index, entry) in entries.enumerated() {
            do {
                try current.verify(entry, previous: previous)
            } catch {
                throw .entryInvalid(index: index, round: entry.round, error)
            }
            previous = entry
        }
    }

    /// The entries a block at `epoch` on a parent at `parentEpoch` carries, oldest first: one per
    /// epoch since the parent (null rounds included), or the two first entries of a chained beacon
    /// the chain switches to at `epoch`; none when `previous` is already the newest round.
    public func entriesForBlock(
        networkVersion: UInt64, epoch: Int64, parentEpoch: Int64, previous: BeaconEntry
    ) async throws(BeaconError) -> [BeaconEntry] {
        let current = beacon(forEpoch: epoch)
        if pointIndex(forEpoch: parentEpoch) != pointIndex(forEpoch: epoch) && current.isChained {
            let round = current.maxRound(forEpoch: epoch, networkVersion: networkVersion)
            guard round > 0 else { throw .unavailable(round: round, reason: "a beacon fork needs the round before \(round)") }
            return [try await current.entry(round: round - 1), try await current.entry(round: round)]
        }

        let maxRound = current.maxRound(forEpoch: epoch, networkVersion: networkVersion)
        if maxRound == previous.round { return [] }

        var entries: [BeaconEntry] = []
        var at = epoch
        while at > parentEpoch {
            entries.append(try await current.entry(round: current.maxRound(forEpoch: at, networkVersion: networkVersion)))
            at -= 1
        }
        return entries.reversed()
    }
}
