import ChainState
import DagCBOR
import FilecoinTypes

/// Lotus JSON of a deal proposal (`market.DealProposal`), as preseal files carry it:
/// `{"PieceCID":{"/":…},"PieceSize":2048,"VerifiedDeal":false,"Client":"t3…","Provider":"t01000",
/// "Label":"0","StartEpoch":0,"EndEpoch":9001,"StoragePricePerEpoch":"0","ProviderCollateral":"0",
/// "ClientCollateral":"0"}`. The label is a JSON string (v2 labels are Go strings).
extension DealProposal: Codable {
    private enum CodingKeys: String, CodingKey {
        case pieceCID = "PieceCID", pieceSize = "PieceSize", verifiedDeal = "VerifiedDeal", client = "Client"
        case provider = "Provider", label = "Label", startEpoch = "StartEpoch", endEpoch = "EndEpoch"
        case storagePricePerEpoch = "StoragePricePerEpoch", providerCollateral = "ProviderCollateral"
        case clientCollateral = "ClientCollateral"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            pieceCID: try container.decode(CID.self, forKey: .pieceCID),
            pieceSize: try container.decode(UInt64.self, forKey: .pieceSize),
            verifiedDeal: try container.decodeIfPresent(Bool.self, forKey: .verifiedDeal) ?? false,
            client: try container.decode(Address.self, forKey: .client),
            provider: try container.decode(Address.self, forKey: .provider),
            label: Array((try container.decodeIfPresent(String.self, forKey: .label) ?? "").utf8),
            startEpoch: try container.decode(Int64.self, forKey: .startEpoch),
            endEpoch: try container.decode(Int64.self, forKey: .endEpoch),
            storagePricePerEpoch: try container.decodeIfPresent(TokenAmount.self, forKey: .storagePricePerEpoch) ?? .zero,
            providerCollateral: try container.decodeIfPresent(TokenAmount.self, forKey: .providerCollateral) ?? .zero,
            clientCollateral: try container.decodeIfPresent(TokenAmount.self, forKey: .clientCollateral) ?? .zero)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pieceCID, forKey: .pieceCID)
        try container.encode(pieceSize, forKey: .pieceSize)
        try container.encode(verifiedDeal, forKey: .verifiedDeal)
        try container.encode(client, forKey: .client)
        try container.encode(provider, forKey: .provider)
        try container.encode(String(decoding: label, as: UTF8.self), forKey: .label)
        try container.encode(startEpoch, forKey: .startEpoch)
        try container.encode(endEpoch, forKey: .endEpoch)
        try container.encode(storagePricePerEpoch, forKey: .storagePricePerEpoch)
        try container.encode(providerCollateral, forKey: .providerCollateral)
        try container.encode(clientCollateral, forKey: .clientCollateral)
    }
}
