import DagCBOR
/// Why a block's beacon entries are refused (Lotus `beacon.ValidateBlockValues`), one case per check.
public enum BeaconValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The first block after a switch to a chained beacon must carry exactly two entries.
    case forkEntryCount(got: Int)
    /// At a switch to a chained beacon, the second entry does not follow from the first.
    case forkEntryInvalid(BeaconError)
    /// The newest round for the block's epoch is the previous entry's: the block must carry none.
    case unexpectedEntries(count: Int)
    /// The block carries no entries although a newer round is due.
    case missingEntries
    /// The block's last entry is not of the newest round for its epoch.
    case finalRoundMismatch(expected: UInt64, got: UInt64)
    /// An unchained beacon's entry `index` is not of the round due for its epoch.
    case roundMismatch(index: Int, epoch: Int64, expected: UInt64, got: UInt64)
    /// Entry `index` does not verify.
    case entryInvalid(index: Int, round: UInt64, BeaconError)

    public var description: String {
        switch self {
        case .forkEntryCount(let got): "expected two beacon entries at beacon fork, got \(got)"
        case .forkEntryInvalid(let error): "beacon at fork point invalid: \(error)"
        case .unexpectedEntries(let count): "expected not to have any beacon entries in this block, got \(count)"
        case .missingEntries: "expected to have beacon entries in this block, but didn't find any"
        case .finalRoundMismatch(let expected, let got):
            "expected final beacon entry in block to be at round \(expected), got \(got)"
        case .roundMismatch(let index, let epoch, let expected, let got):
            "unexpected beacon round \(got) at index \(index), expected \(expected) for epoch \(epoch)"
        case .entryInvalid(let index, let round, let error): "beacon entry \(index) (round \(round)) was invalid: \(error)"
        }
    }
}
