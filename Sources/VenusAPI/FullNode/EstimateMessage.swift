import FilecoinTypes

extension FullNodeAPI {
    /// One message of a venus `GasBatchEstimateMessageGas` call (venus-shared `types.EstimateMessage`):
    /// the message and its send options (`null` for the defaults).
    public struct EstimateMessage: Codable, Sendable, Hashable {
        public var msg: Message
        public var spec: MessageSendSpec?

        public init(msg: Message, spec: MessageSendSpec? = nil) {
            self.msg = msg
            self.spec = spec
        }

        enum CodingKeys: String, CodingKey { case msg = "Msg", spec = "Spec" }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(msg, forKey: .msg)
            try c.encode(spec, forKey: .spec)
        }
    }
}
