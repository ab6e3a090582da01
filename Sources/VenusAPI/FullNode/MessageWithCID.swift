import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// A message with its CID (Lotus `api.Message`), as `ChainGetParentMessages` lists them:
    /// `{"Cid": {"/": ...}, "Message": {...}}`. For a secp256k1 message `cid` is the signed
    /// message's CID while `message` is the unsigned message.
    public struct MessageWithCID: Codable, Sendable, Hashable {
        public var cid: CID
        public var message: Message

        public init(cid: CID, message: Message) {
            self.cid = cid
            self.message = message
        }

        enum CodingKeys: String, CodingKey { case cid = "Cid", message = "Message" }
    }
}
