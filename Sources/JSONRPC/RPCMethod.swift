/// A method of an API, declared once and used by both the server (registration, permission check)
/// and the typed client.
///
/// ```swift
/// static let chainHead = RPCMethod<NoParams, TipSet>("Filecoin.ChainHead", .read)
/// ```
/// `name` is the full wire name with its namespace. `isPublic` methods may be called without a
/// token (health and version methods only); every other method needs a token whose permissions
/// satisfy `permission`.
public struct RPCMethod<Params: RPCParameters, Result: Codable & Sendable>: Sendable, Hashable {
    public let name: String
    public let permission: Permission
    public let isPublic: Bool

    public init(_ name: String, _ permission: Permission, isPublic: Bool = false) {
        self.name = name
        self.permission = permission
        self.isPublic = isPublic
    }
}

/// A streaming method: the call returns a channel id and the values follow as `xrpc.ch.val`
/// notifications until `xrpc.ch.close` (WebSocket only; go-jsonrpc refuses it over HTTP).
public struct RPCStreamMethod<Params: RPCParameters, Element: Codable & Sendable>: Sendable, Hashable {
    public let name: String
    public let permission: Permission
    public let isPublic: Bool

    public init(_ name: String, _ permission: Permission, isPublic: Bool = false) {
        self.name = name
        self.permission = permission
        self.isPublic = isPublic
    }
}
