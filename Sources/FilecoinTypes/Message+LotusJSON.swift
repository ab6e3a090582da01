import GoCompat
import DagCBOR

/// Lotus JSON for a message: its fields by name, big ints as strings, params as base64 (null
/// when empty), plus a `CID` field that Lotus adds on output and ignores on input.
extension Message: Codable {
    private enum CodingKeys: String, CodingKey {
        case version = "Version", to = "To", from = "From", nonce = "Nonce", value = "Value"
        case gasLimit = "GasLimit", gasFeeCap = "GasFeeCap", gasPremium = "GasPremium"
        case method = "Method", params = "Params", cid = "CID"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(UInt64.self, forKey: .version) ?? 0
        to = try container.decode(Address.self, forKey: .to)
        from = try container.decode(Address.self, forKey: .from)
        nonce = try container.decode(UInt64.self, forKey: .nonce)
        value = try container.decode(TokenAmount.self, forKey: .value)
        gasLimit = try container.decode(Int64.self, forKey: .gasLimit)
        gasFeeCap = try container.decode(TokenAmount.self, forKey: .gasFeeCap)
        gasPremium = try container.decode(TokenAmount.self, forKey: .gasPremium)
        method = try container.decode(UInt64.self, forKey: .method)
        params = try container.decodeIfPresent(GoBytes.self, forKey: .params)?.orEmpty ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(to, forKey: .to)
        try container.encode(from, forKey: .from)
        try container.encode(nonce, forKey: .nonce)
        try container.encode(value, forKey: .value)
        try container.encode(gasLimit, forKey: .gasLimit)
        try container.encode(gasFeeCap, forKey: .gasFeeCap)
        try container.encode(gasPremium, forKey: .gasPremium)
        try container.encode(method, forKey: .method)
        try container.encode(GoBytes(nilIfEmpty: params), forKey: .params)
        try container.encode(cid, forKey: .cid)
    }
}
