import BigInt
import DagCBOR
import FilecoinCrypto

/// A block header (Lotus `types.BlockHeader`), identified by the CID of its CBOR bytes.
///
/// The miner signs `signingBytes`: the header's CBOR with `blockSig` absent (CBOR null).
/// `ticket` and `electionProof` are absent only in the genesis block.
public struct BlockHeader: Hashable, Sendable {
    public var miner: Address
    public var ticket: Ticket?
    public var electionProof: ElectionProof?
    public var beaconEntries: [BeaconEntry]
    public var winPoStProof: [PoStProof]
    public var parents: [CID]
    public var parentWeight: BigInt
    public var height: Int64
    public var parentStateRoot: CID
    public var parentMessageReceipts: CID
    /// The CID of the block's `MsgMeta`.
    public var messages: CID
    public var blsAggregate: Signature?
    public var timestamp: UInt64
    public var blockSig: Signature?
    public var forkSignaling: UInt64
    public var parentBaseFee: TokenAmount

    public init(
        miner: Address, ticket: Ticket?, electionProof: ElectionProof?, beaconEntries: [BeaconEntry],
        winPoStProof: [PoStProof], parents: [CID], parentWeight: BigInt, height: Int64,
        parentStateRoot: CID, parentMessageReceipts: CID, messages: CID, blsAggregate: Signature?,
        timestamp: UInt64, blockSig: Signature?, forkSignaling: UInt64, parentBaseFee: TokenAmount
    ) {
        self.miner = miner
        self.ticket = ticket
        self.electionProof = electionProof
        self.beaconEntries = beaconEntries
        self.winPoStProof = winPoStProof
        self.parents = parents
        self.parentWeight = parentWeight
        self.height = height
        self.parentStateRoot = parentStateRoot
        self.parentMessageReceipts = parentMessageReceipts
        self.messages = messages
        self.blsAggregate = blsAggregate
        self.timestamp = timestamp
        self.blockSig = blockSig
        self.forkSignaling = forkSignaling
        self.parentBaseFee = parentBaseFee
    }

    /// The block's CID.
    public var cid: CID { CID.filecoin(cbor: cborBytes) }

    /// The bytes the miner's worker key signs: the header's CBOR without its signature.
    public var signingBytes: [UInt8] {
        var unsigned = self
        unsigned.blockSig = nil
        return unsigned.cborBytes
    }

    /// The tipset this block builds on.
    public var parentKey: TipSetKey { TipSetKey(parents) }
}
