/// A response envelope. Exactly one of `result`/`error` is written, and `id` is always present
/// (`null` when the request's id could not be read), as go-jsonrpc's `response.MarshalJSON` does.
public struct RPCResponse: Sendable, Encodable {
    public enum Outcome: Sendable {
        case result(any Encodable & Sendable)
        case error(RPCError)
    }

    public var id: RPCID?
    public var outcome: Outcome

    public init(id: RPCID?, outcome: Outcome) {
        self.id = id
        self.outcome = outcome
    }

    public init(id: RPCID?, error: RPCError) {
        self.init(id: id, outcome: .error(error))
    }

    enum CodingKeys: String, CodingKey { case jsonrpc, id, result, error }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("2.0", forKey: .jsonrpc)
        if let id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
        switch outcome {
        case .result(let value): try c.encode(value, forKey: .result)
        case .error(let error): try c.encode(error, forKey: .error)
        }
    }
}
