/// A request id as go-jsonrpc accepts it: a number or a string (`null`/absent marks a notification).
///
/// Integral numbers are kept as integers so that `1` and `1.0` name the same request, as
/// go-jsonrpc's `normalizeID` does by decoding both to `float64`.
public enum RPCID: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Int64)
    case fractional(Double)
    case string(String)

    /// Reads an id from a decoded JSON value; nil for `null`, `RPCError` (parse error) for any other kind.
    init?(json: JSONValue) throws(RPCError) {
        switch json {
        case .null: return nil
        case .int(let i): self = .number(i)
        case .uint(let u):
            guard let i = Int64(exactly: u) else { self = .fractional(Double(u)); return }
            self = .number(i)
        case .double(let d):
            if let i = Int64(exactly: d) { self = .number(i) } else { self = .fractional(d) }
        case .string(let s): self = .string(s)
        default:
            throw RPCError(code: RPCError.parseError, message: "failed to parse ID: invalid id type")
        }
    }

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard let id = try RPCID(json: value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "null id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let i): try c.encode(i)
        case .fractional(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        }
    }

    var json: JSONValue {
        switch self {
        case .number(let i): return .int(i)
        case .fractional(let d): return .double(d)
        case .string(let s): return .string(s)
        }
    }

    public var description: String {
        switch self {
        case .number(let i): return String(i)
        case .fractional(let d): return String(d)
        case .string(let s): return "\"\(s)\""
        }
    }
}
