import DagCBOR
import FilecoinTypes
import JSONRPC

extension FullNodeAPI {
    /// Where a message landed (Lotus `api.MsgLookup`), the answer of `StateSearchMsg` and
    /// `StateWaitMsg`: `{"Message", "Receipt", "ReturnDec", "TipSet", "Height"}`.
    ///
    /// `message` may differ from the CID asked for when the message was replaced by one that
    /// changed only gas fields. `tipSet` is the tipset whose state holds the receipt (the one
    /// after the including tipset), `height` its height.
    public struct MsgLookup: Codable, Sendable, Hashable {
        public var message: CID
        public var receipt: MessageReceipt
        /// The return value decoded by the actor's method table, or `null` when the node does not
        /// decode returns (Lotus's `interface{}`).
        public var returnDec: JSONValue
        public var tipSet: TipSetKey
        public var height: Int64

        public init(message: CID, receipt: MessageReceipt, returnDec: JSONValue = .null, tipSet: TipSetKey, height: Int64) {
            self.message = message
            self.receipt = receipt
            self.returnDec = returnDec
            self.tipSet = tipSet
            self.height = height
        }

        enum CodingKeys: String, CodingKey {
            case message = "Message", receipt = "Receipt", returnDec = "ReturnDec", tipSet = "TipSet", height = "Height"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            message = try c.decode(CID.self, forKey: .message)
            receipt = try c.decode(MessageReceipt.self, forKey: .receipt)
            returnDec = try c.decodeIfPresent(JSONValue.self, forKey: .returnDec) ?? .null
            tipSet = try c.decode(TipSetKey.self, forKey: .tipSet)
            height = try c.decode(Int64.self, forKey: .height)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(message, forKey: .message)
            try c.encode(receipt, forKey: .receipt)
            try c.encode(returnDec, forKey: .returnDec)
            try c.encode(tipSet, forKey: .tipSet)
            try c.encode(height, forKey: .height)
        }
    }
}
