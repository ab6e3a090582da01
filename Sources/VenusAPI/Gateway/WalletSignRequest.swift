import GoCompat
import FilecoinTypes
import Foundation

/// The payload of a `WalletSign` event (venus-shared `gateway.WalletSignRequest`):
/// `{"Signer": "f1...", "ToSign": "<base64>", "Meta": {"Type": ..., "Extra": ...}}`.
public struct WalletSignRequest: Codable, Sendable, Hashable {
    public var signer: Address
    public var toSign: Data
    public var meta: GatewayMsgMeta

    public init(signer: Address, toSign: Data, meta: GatewayMsgMeta) {
        self.signer = signer
        self.toSign = toSign
        self.meta = meta
    }

    enum CodingKeys: String, CodingKey { case signer = "Signer", toSign = "ToSign", meta = "Meta" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        signer = try c.decode(Address.self, forKey: .signer)
        toSign = Data(try c.decodeIfPresent(GoBytes.self, forKey: .toSign)?.orEmpty ?? [])
        meta = try c.decode(GatewayMsgMeta.self, forKey: .meta)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(signer, forKey: .signer)
        try c.encode(GoBytes(nilIfEmpty: toSign), forKey: .toSign)
        try c.encode(meta, forKey: .meta)
    }
}
