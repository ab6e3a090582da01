/// A JSON-RPC error object, as go-jsonrpc writes it: `{"code", "message", "meta"?, "data"?}`.
///
/// Handlers may throw an `RPCError` to choose the code; any other thrown error is sent with
/// code 1 and its description, which is what go-jsonrpc does for a Go method's `error`.
public struct RPCError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var meta: JSONValue?
    public var data: JSONValue?

    public init(code: Int, message: String, meta: JSONValue? = nil, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.meta = meta
        self.data = data
    }

    /// Invalid JSON, a parameter that does not decode, or a body over the size limit (go-jsonrpc's choice).
    public static let parseError = -32700
    /// Empty body, empty batch, or an envelope that is not a request.
    public static let invalidRequest = -32600
    /// No method by that name, or a streaming method over plain HTTP.
    public static let methodNotFound = -32601
    /// Wrong number of positional parameters.
    public static let invalidParams = -32602
    /// Refusals by this server's own limits: rate limit, concurrency, batch size.
    public static let serverError = -32000
    /// What go-jsonrpc sends for an error returned by the method itself (including a missing permission).
    public static let methodError = 1

    /// The error go-jsonrpc's auth proxy returns: "missing permission to invoke 'ChainHead' (need 'read')".
    /// `method` is the full name; like upstream, only the part after the namespace is shown.
    public static func missingPermission(method: String, need: Permission) -> RPCError {
        let short = method.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? method
        return RPCError(code: methodError, message: "missing permission to invoke '\(short)' (need '\(need.rawValue)')")
    }

    public var description: String {
        if code >= -32768 && code <= -32000 { return "RPC error (\(code)): \(message)" }
        return message
    }

    enum CodingKeys: String, CodingKey { case code, message, meta, data }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(Int.self, forKey: .code)
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        meta = try c.decodeIfPresent(JSONValue.self, forKey: .meta)
        data = try c.decodeIfPresent(JSONValue.self, forKey: .data)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encodeIfPresent(meta, forKey: .meta)
        try c.encodeIfPresent(data, forKey: .data)
    }
}
