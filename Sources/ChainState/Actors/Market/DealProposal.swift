import BigInt
import DagCBOR
import FilecoinCrypto
import FilecoinTypes

/// A storage deal as the client signed it (specs-actors `market.DealProposal`, the same in v0
/// and v2).
///
/// `label` is kept as the bytes of the CBOR text string: cbor-gen of v0/v2 reads Go strings
/// without checking UTF-8, so a label that is not UTF-8 is a valid proposal whose CID and
/// signature cover exactly those bytes.
public struct DealProposal: Hashable, Sendable {
    public var pieceCID: CID
    /// The padded piece size.
    public var pieceSize: UInt64
    public var verifiedDeal: Bool
    public var client: Address
    public var provider: Address
    public var label: [UInt8]
    public var startEpoch: Int64
    public var endEpoch: Int64
    public var storagePricePerEpoch: TokenAmount
    public var providerCollateral: TokenAmount
    public var clientCollateral: TokenAmount

    public init(
        pieceCID: CID, pieceSize: UInt64, verifiedDeal: Bool, client: Address, provider: Address, label: [UInt8],
        startEpoch: Int64, endEpoch: Int64, storagePricePerEpoch: TokenAmount, providerCollateral: TokenAmount,
        clientCollateral: TokenAmount
    ) {
        self.pieceCID = pieceCID
        self.pieceSize = pieceSize
        self.verifiedDeal = verifiedDeal
        self.client = client
        self.provider = provider
        self.label = label
        self.startEpoch = startEpoch
        self.endEpoch = endEpoch
        self.storagePricePerEpoch = storagePricePerEpoch
        self.providerCollateral = providerCollateral
        self.clientCollateral = clientCollateral
    }

    /// `EndEpoch - StartEpoch` (wrapping as Go's int64 does).
    public var duration: Int64 { endEpoch &- startEpoch }

    public var totalStorageFee: TokenAmount { storagePricePerEpoch * BigInt(duration) }

    public var clientBalanceRequirement: TokenAmount { clientCollateral + totalStorageFee }

    public var providerBalanceRequirement: TokenAmount { providerCollateral }

    /// The proposal's CID (dag-cbor, blake2b-256), the pending-proposals key.
    public var cid: CID { CID.filecoin(cbor: cborBytes) }
}
