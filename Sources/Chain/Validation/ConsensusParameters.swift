import DagCBOR
/// The build constants block validation reads (Lotus `buildconstants`), with the 2k devnet's values
/// as `devnet2k`. Block delay and drift are in seconds.
public struct ConsensusParameters: Hashable, Sendable {
    /// Seconds between epochs (`BlockDelaySecs`).
    public var blockDelaySeconds: UInt64
    /// How far ahead of the local clock a block's timestamp may be (`AllowableClockDriftSecs`).
    public var allowableClockDriftSeconds: UInt64
    /// How many epochs back a ticket's randomness is drawn for (`TicketRandomnessLookback`).
    public var ticketRandomnessLookback: Int64
    /// After this height a ticket's entropy includes the parent's smallest ticket (`UpgradeSmokeHeight`).
    public var upgradeSmokeHeight: Int64
    /// Expected blocks per epoch: the election's λ multiplier (`BlocksPerEpoch`).
    public var blocksPerEpoch: Int64
    /// The gas all of a block's messages may ask for together (`BlockGasLimit`).
    public var blockGasLimit: Int64
    /// The messages a gossiped block may carry (`BlockMessageLimit`).
    public var blockMessageLimit: Int
    /// Epochs a block may be ahead of the clock's epoch before it is refused unvalidated (`MaxHeightDrift`).
    public var maxHeightDrift: Int64

    public init(
        blockDelaySeconds: UInt64, allowableClockDriftSeconds: UInt64, ticketRandomnessLookback: Int64,
        upgradeSmokeHeight: Int64, blocksPerEpoch: Int64, blockGasLimit: Int64, blockMessageLimit: Int,
        maxHeightDrift: Int64
    ) {
        self.blockDelaySeconds = blockDelaySeconds
        self.allowableClockDriftSeconds = allowableClockDriftSeconds
        self.ticketRandomnessLookback = ticketRandomnessLookback
        self.upgradeSmokeHeight = upgradeSmokeHeight
        self.blocksPerEpoch = blocksPerEpoch
        self.blockGasLimit = blockGasLimit
        self.blockMessageLimit = blockMessageLimit
        self.maxHeightDrift = maxHeightDrift
    }

    /// Lotus's 2k build (`params_2k.go`): 4-second epochs, the smoke upgrade from the start.
    public static let devnet2k = ConsensusParameters(
        blockDelaySeconds: 4, allowableClockDriftSeconds: 1, ticketRandomnessLookback: 1, upgradeSmokeHeight: -1,
        blocksPerEpoch: 5, blockGasLimit: 10_000_000_000, blockMessageLimit: 10_000, maxHeightDrift: 5)

    /// Whether a block at `epoch` is close enough to the clock to be worth validating (Lotus
    /// `IsEpochBeyondCurrMax`, inverted): at most `maxHeightDrift` epochs past the epoch the clock
    /// is at, counted from the genesis timestamp.
    public func isEpochWithinClock(_ epoch: Int64, genesisTimestamp: UInt64, now: UInt64) -> Bool {
        guard now >= genesisTimestamp, blockDelaySeconds > 0 else { return epoch <= maxHeightDrift }
        let clockEpoch = Int64(clamping: (now - genesisTimestamp) / blockDelaySeconds)
        return epoch <= clockEpoch + maxHeightDrift
    }
}
