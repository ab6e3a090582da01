import Foundation

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

extension RPCResponse {
    /// The document `JSONEncoder` (with `.withoutEscapingSlashes`) writes for this response, built
    /// without it when the id and result are plain: a numeric or plain-string id (or none) and a
    /// plain `String`, `Bool` or integer result, or one already written (`RPCEncodedResult`). Nil otherwise (the caller encodes with `JSONEncoder`).
    /// A plain string has no `"`, `\` or control character, so it is written as is. Members come
    /// in the order `jsonrpc`, `id`, `result` (`JSONEncoder`'s order is unspecified and varies between runs).
    var fastJSON: Data? { fastJSONText.map { Data($0.utf8) } }

    /// `fastJSON` as text, for WebSocket text frames.
    var fastJSONText: String? {
        guard case .result(let value) = outcome else { return nil }
        var out = #"{"jsonrpc":"2.0","id":"#
        switch id {
        case nil: out += "null"
        case .number(let i)?: out += String(i)
        case .string(let s)? where Self.isPlain(s): out += "\"" + s + "\""
        default: return nil
        }
        out += #","result":"#
        switch value {
        case let s as String where Self.isPlain(s): out += "\"" + s + "\""
        case let b as Bool: out += b ? "true" : "false"
        case let i as Int: out += String(i)
        case let i as Int64: out += String(i)
        case let u as UInt64: out += String(u)
        case let encoded as any RPCPreEncodedJSON: out += encoded.json
        default: return nil
        }
        out += "}"
        return out
    }

    /// True when `s` is written by `JSONEncoder` as its own UTF-8 between quotes.
    static func isPlain(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }
}
