import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// The outcome of running a message without a transaction (`StateCall`; Lotus `api.InvocResult`):
    /// `{"MsgCid", "Msg", "MsgRct", "GasCost", "ExecutionTrace", "Error", "Duration"}`.
    ///
    /// `error` is empty when the message ran (whatever its exit code); otherwise it says why it
    /// could not run and `msgRct` may be `null`. `duration` is nanoseconds, as Go writes a
    /// `time.Duration` in JSON.
    public struct InvocResult: Codable, Sendable, Hashable {
        public var msgCid: CID
        public var msg: Message?
        public var msgRct: MessageReceipt?
        public var gasCost: MsgGasCost
        public var executionTrace: ExecutionTrace
        public var error: String
        public var duration: Int64

        public init(
            msgCid: CID, msg: Message?, msgRct: MessageReceipt?, gasCost: MsgGasCost, executionTrace: ExecutionTrace,
            error: String = "", duration: Int64
        ) {
            self.msgCid = msgCid
            self.msg = msg
            self.msgRct = msgRct
            self.gasCost = gasCost
            self.executionTrace = executionTrace
            self.error = error
            self.duration = duration
        }

        enum CodingKeys: String, CodingKey {
            case msgCid = "MsgCid", msg = "Msg", msgRct = "MsgRct", gasCost = "GasCost"
            case executionTrace = "ExecutionTrace", error = "Error", duration = "Duration"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(msgCid, forKey: .msgCid)
            try c.encode(msg, forKey: .msg)
            try c.encode(msgRct, forKey: .msgRct)
            try c.encode(gasCost, forKey: .gasCost)
            try c.encode(executionTrace, forKey: .executionTrace)
            try c.encode(error, forKey: .error)
            try c.encode(duration, forKey: .duration)
        }
    }
}
