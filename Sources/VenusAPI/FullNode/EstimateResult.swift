import FilecoinTypes

extension FullNodeAPI {
    /// One answer of venus `GasBatchEstimateMessageGas` (venus-shared `types.EstimateResult`), in
    /// the order of the messages asked about. On success `msg` has its gas filled in and the next
    /// nonce counted from the call's `fromNonce` (earlier successes count as pending before it);
    /// on failure `err` says which estimate failed and `msg` is the message with nonce 0, and the
    /// remaining messages are still estimated.
    public struct EstimateResult: Codable, Sendable, Hashable {
        public var msg: Message?
        /// Empty on success.
        public var err: String

        public init(msg: Message?, err: String = "") {
            self.msg = msg
            self.err = err
        }

        enum CodingKeys: String, CodingKey { case msg = "Msg", err = "Err" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            msg = try c.decodeIfPresent(Message.self, forKey: .msg)
            err = try c.decodeIfPresent(String.self, forKey: .err) ?? ""
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(msg, forKey: .msg)
            try c.encode(err, forKey: .err)
        }
    }
}
