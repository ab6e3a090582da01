import GoCompat
import Foundation

/// A request the gateway sends down a provider's `Listen*Event` channel (venus-shared
/// `gateway.RequestEvent`): `{"Id": "<uuid>", "Method": "WalletSign", "Payload": "<base64 JSON>"}`.
///
/// The provider answers with `Response*Event` carrying the same `Id`. `InitConnect` (payload a
/// `ConnectedCompleted`) is the first event of a channel and is not answered.
public struct RequestEvent: Codable, Sendable, Hashable {
    public var id: GatewayUUID
    public var method: String
    /// The method's parameters as JSON bytes (empty for none).
    public var payload: Data

    public init(id: GatewayUUID = GatewayUUID(), method: String, payload: Data = Data()) {
        self.id = id
        self.method = method
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey { case id = "Id", method = "Method", payload = "Payload" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(GatewayUUID.self, forKey: .id)
        method = try c.decode(String.self, forKey: .method)
        payload = Data(try c.decodeIfPresent(GoBytes.self, forKey: .payload)?.orEmpty ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(method, forKey: .method)
        try c.encode(GoBytes(nilIfEmpty: payload), forKey: .payload)
    }
}
