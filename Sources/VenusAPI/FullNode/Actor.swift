import DagCBOR
import FilecoinTypes

extension FullNodeAPI {
    /// An actor as `StateGetActor` shows it (Lotus `types.Actor`, state tree version 5):
    /// `{"Code", "Head", "Nonce", "Balance", "DelegatedAddress"}`; `DelegatedAddress` is the
    /// actor's f4 address, `null` for actors without one (every actor of a pre-FEVM state tree).
    public struct Actor: Codable, Sendable, Hashable {
        public var code: CID
        public var head: CID
        public var nonce: UInt64
        public var balance: TokenAmount
        public var delegatedAddress: Address?

        public init(code: CID, head: CID, nonce: UInt64, balance: TokenAmount, delegatedAddress: Address? = nil) {
            self.code = code
            self.head = head
            self.nonce = nonce
            self.balance = balance
            self.delegatedAddress = delegatedAddress
        }

        enum CodingKeys: String, CodingKey {
            case code = "Code", head = "Head", nonce = "Nonce", balance = "Balance", delegatedAddress = "DelegatedAddress"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(head, forKey: .head)
            try c.encode(nonce, forKey: .nonce)
            try c.encode(balance, forKey: .balance)
            try c.encode(delegatedAddress, forKey: .delegatedAddress)
        }

        /// The document `encode(to:)` gives under `JSONEncoder`, written directly (a hot path of
        /// the node's API): every text in it (CIDs in base32/base58, decimal digits, an address)
        /// is one that JSON writes without escapes.
        public var lotusJSON: String {
            var out = #"{"Code":{"/":""# + code.description + #""},"Head":{"/":""# + head.description
            out += #""},"Nonce":"# + String(nonce) + #","Balance":""# + balance.attoFIL.description
            out += #"","DelegatedAddress":"# + (delegatedAddress.map { "\"\($0.description)\"" } ?? "null") + "}"
            return out
        }
    }
}
