/// A request or notification envelope as read by the server: `{"jsonrpc", "id"?, "method", "params"?, "meta"?}`.
///
/// Like go-jsonrpc, the `jsonrpc` member is not checked, a missing or `null` id makes a
/// notification (no response), and `params` stays as JSON until the method is known.
public struct RPCRequest: Sendable, Hashable {
    public var id: RPCID?
    public var method: String
    public var params: JSONValue?
    public var meta: [String: String]?

    public init(id: RPCID?, method: String, params: JSONValue?, meta: [String: String]? = nil) {
        self.id = id
        self.method = method
        self.params = params
        self.meta = meta
    }

    /// Reads an envelope from parsed JSON. Throws -32700 for a value that is not an object or a bad id.
    public init(json: JSONValue) throws(RPCError) {
        guard case .object(let members) = json else {
            throw RPCError(code: RPCError.parseError, message: "Parse error")
        }
        if let rawID = members["id"] {
            id = try RPCID(json: rawID)
        } else {
            id = nil
        }
        switch members["method"] {
        case .string(let m): method = m
        case nil, .null: method = ""
        default: throw RPCError(code: RPCError.parseError, message: "Parse error")
        }
        params = members["params"]
        if case .object(let m) = members["meta"] {
            var meta: [String: String] = [:]
            for (k, v) in m { if case .string(let s) = v { meta[k] = s } }
            self.meta = meta
        } else {
            meta = nil
        }
    }
}
