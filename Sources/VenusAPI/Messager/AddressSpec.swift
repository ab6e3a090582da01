import FilecoinTypes

/// `SetFeeParams`'s argument (venus-shared `messager.AddressSpec`): an address's gas settings,
/// the amounts as decimal attoFIL text. A zero factor or an empty amount leaves that setting
/// unchanged (so a factor cannot be reset to zero this way, as upstream).
/// JSON `{"address", "gasOverEstimation", "gasOverPremium", "maxFeeStr", "gasFeeCapStr", "baseFeeStr"}`.
public struct AddressSpec: Hashable, Sendable {
    public var address: Address
    public var gasOverEstimation: Double
    public var gasOverPremium: Double
    public var maxFeeStr: String
    public var gasFeeCapStr: String
    public var baseFeeStr: String

    public init(
        address: Address, gasOverEstimation: Double = 0, gasOverPremium: Double = 0, maxFeeStr: String = "",
        gasFeeCapStr: String = "", baseFeeStr: String = ""
    ) {
        self.address = address
        self.gasOverEstimation = gasOverEstimation
        self.gasOverPremium = gasOverPremium
        self.maxFeeStr = maxFeeStr
        self.gasFeeCapStr = gasFeeCapStr
        self.baseFeeStr = baseFeeStr
    }
}

extension AddressSpec: Codable {
    private enum CodingKeys: String, CodingKey {
        case address, gasOverEstimation, gasOverPremium, maxFeeStr, gasFeeCapStr, baseFeeStr
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            address: try c.decode(Address.self, forKey: .address),
            gasOverEstimation: try c.decodeIfPresent(Double.self, forKey: .gasOverEstimation) ?? 0,
            gasOverPremium: try c.decodeIfPresent(Double.self, forKey: .gasOverPremium) ?? 0,
            maxFeeStr: try c.decodeIfPresent(String.self, forKey: .maxFeeStr) ?? "",
            gasFeeCapStr: try c.decodeIfPresent(String.self, forKey: .gasFeeCapStr) ?? "",
            baseFeeStr: try c.decodeIfPresent(String.self, forKey: .baseFeeStr) ?? "")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(gasOverEstimation, forKey: .gasOverEstimation)
        try c.encode(gasOverPremium, forKey: .gasOverPremium)
        try c.encode(maxFeeStr, forKey: .maxFeeStr)
        try c.encode(gasFeeCapStr, forKey: .gasFeeCapStr)
        try c.encode(baseFeeStr, forKey: .baseFeeStr)
    }
}
