import DagCBOR

/// An actor method across all actors of one code (venus-shared `messager.MethodType`): the key
/// of the per-method gas settings (`ActorCfg`). Embedded upstream: `{"code", "method"}` flat.
public struct MessagerMethodType: Hashable, Sendable {
    /// The actor's code CID.
    public var code: CID
    public var method: UInt64

    public init(code: CID, method: UInt64) {
        self.code = code
        self.method = method
    }
}

extension MessagerMethodType: Codable {
    private enum CodingKeys: String, CodingKey { case code, method }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decode(CID.self, forKey: .code), method: try c.decodeIfPresent(UInt64.self, forKey: .method) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(method, forKey: .method)
    }
}
