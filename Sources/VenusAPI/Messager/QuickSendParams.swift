import FilecoinTypes

/// `Send`'s argument (venus-shared `messager.QuickSendParams`): a method call whose params the
/// service encodes from JSON or hex, with optional fixed gas values. JSON `{"To", "From", "Val",
/// "Account", "GasPremium", "GasFeeCap", "GasLimit", "Method", "Params", "ParamsType"}`; the gas
/// members are Go pointers (null: estimate).
public struct QuickSendParams: Hashable, Sendable {
    public var to: Address
    public var from: Address
    public var value: TokenAmount
    /// The sophon-auth account whose wallet signs.
    public var account: String
    public var gasPremium: TokenAmount?
    public var gasFeeCap: TokenAmount?
    public var gasLimit: Int64?
    public var method: UInt64
    /// The method's parameters as `paramsType` says: JSON text, or CBOR as hex.
    public var params: String
    public var paramsType: QuickSendParamsCodec

    public init(
        to: Address, from: Address, value: TokenAmount = .zero, account: String = "", gasPremium: TokenAmount? = nil,
        gasFeeCap: TokenAmount? = nil, gasLimit: Int64? = nil, method: UInt64, params: String = "",
        paramsType: QuickSendParamsCodec = .json
    ) {
        self.to = to
        self.from = from
        self.value = value
        self.account = account
        self.gasPremium = gasPremium
        self.gasFeeCap = gasFeeCap
        self.gasLimit = gasLimit
        self.method = method
        self.params = params
        self.paramsType = paramsType
    }
}

extension QuickSendParams: Codable {
    private enum CodingKeys: String, CodingKey {
        case to = "To", from = "From", value = "Val", account = "Account", gasPremium = "GasPremium"
        case gasFeeCap = "GasFeeCap", gasLimit = "GasLimit", method = "Method", params = "Params"
        case paramsType = "ParamsType"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            to: try c.decode(Address.self, forKey: .to), from: try c.decode(Address.self, forKey: .from),
            value: try c.decodeIfPresent(TokenAmount.self, forKey: .value) ?? .zero,
            account: try c.decodeIfPresent(String.self, forKey: .account) ?? "",
            gasPremium: try c.decodeIfPresent(TokenAmount.self, forKey: .gasPremium),
            gasFeeCap: try c.decodeIfPresent(TokenAmount.self, forKey: .gasFeeCap),
            gasLimit: try c.decodeIfPresent(Int64.self, forKey: .gasLimit),
            method: try c.decodeIfPresent(UInt64.self, forKey: .method) ?? 0,
            params: try c.decodeIfPresent(String.self, forKey: .params) ?? "",
            paramsType: try c.decodeIfPresent(QuickSendParamsCodec.self, forKey: .paramsType)
                ?? QuickSendParamsCodec(rawValue: ""))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(to, forKey: .to)
        try c.encode(from, forKey: .from)
        try c.encode(value, forKey: .value)
        try c.encode(account, forKey: .account)
        try c.encode(gasPremium, forKey: .gasPremium)
        try c.encode(gasFeeCap, forKey: .gasFeeCap)
        try c.encode(gasLimit, forKey: .gasLimit)
        try c.encode(method, forKey: .method)
        try c.encode(params, forKey: .params)
        try c.encode(paramsType, forKey: .paramsType)
    }
}
