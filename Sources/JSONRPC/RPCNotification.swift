/// A server-to-client notification (no id), used for the channel protocol:
/// `xrpc.ch.val` `[chanID, value]` and `xrpc.ch.close` `[chanID]`; clients send `xrpc.cancel` `[requestID]`.
struct RPCNotification<Params: Encodable & Sendable>: Encodable, Sendable {

    let method: String
    let params: Params

    enum CodingKeys: String, CodingKey { case jsonrpc, method, params }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("2.0", forKey: .jsonrpc)
        try c.encode(method, forKey: .method)
        try c.encode(params, forKey: .params)
    }
}

/// `[chanID, value]`: the params of `xrpc.ch.val`.
struct ChannelValueParams: Encodable, Sendable {
    let channel: UInt64
    let value: any Encodable & Sendable

    func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(channel)
        try c.encode(value)
    }
}

/// Names of the built-in methods of go-jsonrpc's WebSocket protocol.
public enum RPCBuiltin {
    public static let channelValue = "xrpc.ch.val"
    public static let channelClose = "xrpc.ch.close"
    public static let cancel = "xrpc.cancel"
}
