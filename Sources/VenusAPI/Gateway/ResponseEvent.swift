import GoCompat
import Foundation

/// A provider's answer to a `RequestEvent` (venus-shared `gateway.ResponseEvent`):
/// `{"Id": "<uuid>", "Payload": "<base64 JSON>", "Error": ""}`. A non-empty `Error` is the
/// provider's refusal, passed to the caller as is; otherwise `Payload` is the result's JSON.
public struct ResponseEvent: Codable, Sendable, Hashable {
    public var id: GatewayUUID
    public var payload: Data
    public var error: String

    public init(id: GatewayUUID, payload: Data = Data(), error: String = "") {
        self.id = id
        self.payload = payload
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case id = "Id", payload = "Payload", error = "Error" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(GatewayUUID.self, forKey: .id)
        payload = Data(try c.decodeIfPresent(GoBytes.self, forKey: .payload)?.orEmpty ?? [])
        error = try c.decodeIfPresent(String.self, forKey: .error) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(GoBytes(nilIfEmpty: payload), forKey: .payload)
        try c.encode(error, forKey: .error)
    }
}
