import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// A storage deal's terms in JSON (go-state-types `market.DealProposal`).
    ///
    /// `label` is text: go-state-types writes a byte-string label as `""` in JSON (only text
    /// labels survive), so the server maps a bytes label to the empty string.
    public struct DealProposal: Codable, Sendable, Hashable {
        public var pieceCID: CID
        public var pieceSize: UInt64
        public var verifiedDeal: Bool
        public var client: Address
        public var provider: Address
        public var label: String
        public var startEpoch: Int64
        public var endEpoch: Int64
        public var storagePricePerEpoch: TokenAmount
        public var providerCollateral: TokenAmount
        public var clientCollateral: TokenAmount

        public init(
            pieceCID: CID, pieceSize: UInt64, verifiedDeal: Bool, client: Address, provider: Address, label: String,
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

        enum CodingKeys: String, CodingKey {
            case pieceCID = "PieceCID", pieceSize = "PieceSize", verifiedDeal = "VerifiedDeal", client = "Client"
            case provider = "Provider", label = "Label", startEpoch = "StartEpoch", endEpoch = "EndEpoch"
            case storagePricePerEpoch = "StoragePricePerEpoch", providerCollateral = "ProviderCollateral"
            case clientCollateral = "ClientCollateral"
        }
    }
}
