import FilecoinTypes

/// What a block producer asks the node to assemble (Venus/Lotus `BlockTemplate`, the parameter
/// of `MinerCreateBlock`): the producer's election results and the messages it selected; the node
/// fills in what the chain decides (parent state, receipts, weight, base fee, message roots).
public struct BlockTemplate: Hashable, Sendable {
    public var miner: Address
    public var parents: TipSetKey
    /// Optional as in Lotus (a header without one is assembled, and refused by validation).
    public var ticket: Ticket?
    public var electionProof: ElectionProof?
    public var beaconValues: [BeaconEntry]
    /// Signed messages in block order: BLS-signed ones go to the BLS list (their signatures into the
    /// aggregate), the others to the secpk list.
    public var messages: [SignedMessage]
    public var epoch: Int64
    public var timestamp: UInt64
    public var winningPoStProof: [PoStProof]

    public init(
        miner: Address, parents: TipSetKey, ticket: Ticket?, electionProof: ElectionProof?, beaconValues: [BeaconEntry],
        messages: [SignedMessage], epoch: Int64, timestamp: UInt64, winningPoStProof: [PoStProof]
    ) {
        self.miner = miner
        self.parents = parents
        self.ticket = ticket
        self.electionProof = electionProof
        self.beaconValues = beaconValues
        self.messages = messages
        self.epoch = epoch
        self.timestamp = timestamp
        self.winningPoStProof = winningPoStProof
    }
}
