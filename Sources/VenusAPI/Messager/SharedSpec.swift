/// sophon-messager's global settings (venus-shared `messager.SharedSpec`): `{"id",
/// "selMsgNum", <FeeSpec members>}`. There is one row; its `id` is 1 in upstream's database.
public struct SharedSpec: Hashable, Sendable {
    public var id: UInt
    /// How many messages per address are selected in one round.
    public var selMsgNum: UInt64
    public var feeSpec: FeeSpec

    public init(id: UInt = 1, selMsgNum: UInt64 = 0, feeSpec: FeeSpec = .zero) {
        self.id = id
        self.selMsgNum = selMsgNum
        self.feeSpec = feeSpec
    }

    /// The shared settings as message options (upstream `GetSendSpec`; no expiry).
    public var sendSpec: SendSpec {
        SendSpec(gasOverEstimation: feeSpec.gasOverEstimation, maxFee: feeSpec.maxFee, gasOverPremium: feeSpec.gasOverPremium)
    }
}

extension SharedSpec: Codable {
    private enum CodingKeys: String, CodingKey { case id, selMsgNum }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(UInt.self, forKey: .id) ?? 0,
            selMsgNum: try c.decodeIfPresent(UInt64.self, forKey: .selMsgNum) ?? 0,
            feeSpec: try FeeSpec(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(selMsgNum, forKey: .selMsgNum)
        try feeSpec.encode(to: encoder)
    }
}
