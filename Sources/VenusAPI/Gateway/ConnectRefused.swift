/// The payload of the `ConnectRefused` event, which this gateway sends as the last event of a
/// channel it refuses (a claimed address failed its proof, sophon-auth refused a signer) before
/// closing it: `{"Reason": "..."}`. Upstream closes the channel without a word; a Go provider
/// ignores the unknown method, a Swift one logs the reason.
public struct ConnectRefused: Codable, Sendable, Hashable {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    enum CodingKeys: String, CodingKey { case reason = "Reason" }
}
