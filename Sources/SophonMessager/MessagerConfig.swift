import DagCBOR
import GoCompat
import VenusRuntime

/// `<repo>/config.toml` of sophon-messager:
///
/// ```toml
/// [API]
/// ListenAddress = "/ip4/127.0.0.1/tcp/39812"
/// [JWT]
/// Secret = "<hex>"             # the local admin token (`<repo>/token`) acts for every address
/// [Auth]
/// URL = ""                     # sophon-auth: users' tokens and the addresses (signers) bound to them
/// Token = ""
/// [Node]
/// URL = "/ip4/127.0.0.1/tcp/3453"   # the venus node followed (ChainNotify) and asked for gas
/// Token = ""
/// [Gateway]
/// URL = "/ip4/127.0.0.1/tcp/45132"  # every signature is asked of the SP's wallet through it
/// Token = ""
/// [DB]
/// Type = "sqlite"
/// SQLitePath = "message.db"    # relative to the repo
/// [MessageService]
/// DefaultSelectMsgNum = 20     # messages an address may have in flight
/// WaitingChainHeadStableDuration = "2s"
/// [Rescue]
/// Enabled = true
/// StuckEpochs = 3              # a signed message not on chain after this many epochs is replaced
/// FeeRaise = 1.25              # each replacement raises fee cap and premium at least this much
/// WindowPoStMaxFee = "0"       # a larger budget for SubmitWindowedPoSt ("0": the address's)
/// ```
/// Missing keys take these defaults.
public struct MessagerConfig: Codable, Sendable {
    public struct API: Codable, Sendable {
        public var listenAddress = "/ip4/127.0.0.1/tcp/39812"
        enum CodingKeys: String, CodingKey { case listenAddress = "ListenAddress" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            listenAddress = try c.decodeIfPresent(String.self, forKey: .listenAddress) ?? listenAddress
        }
    }

    /// A service the messager calls: its address (URL, host:port or multiaddr) and token.
    public struct Endpoint: Codable, Sendable {
        public var url: String
        public var token = ""
        enum CodingKeys: String, CodingKey { case url = "URL", token = "Token" }
        public init(url: String, token: String = "") {
            self.url = url
            self.token = token
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = try c.decodeIfPresent(String.self, forKey: .url) ?? ""
            token = try c.decodeIfPresent(String.self, forKey: .token) ?? ""
        }
    }

    public struct Database: Codable, Sendable {
        /// Only `sqlite` here; the shared server database comes with the HA work.
        public var type = "sqlite"
        public var sqlitePath = "message.db"
        enum CodingKeys: String, CodingKey { case type = "Type", sqlitePath = "SQLitePath" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            type = try c.decodeIfPresent(String.self, forKey: .type) ?? type
            sqlitePath = try c.decodeIfPresent(String.self, forKey: .sqlitePath) ?? sqlitePath
        }
    }

    public struct MessageService: Codable, Sendable {
        /// Messages an address may have signed and not yet on chain, unless its own or the shared
        /// parameters say otherwise (upstream's `selMsgNum`).
        public var defaultSelectMsgNum: UInt64 = 20
        /// How long a new head must stay the head before messages are selected on it: a burst of
        /// head changes (a reorg arriving block by block) is handled once.
        public var waitingChainHeadStableDuration = GoDuration(seconds: 2)
        enum CodingKeys: String, CodingKey {
            case defaultSelectMsgNum = "DefaultSelectMsgNum"
            case waitingChainHeadStableDuration = "WaitingChainHeadStableDuration"
        }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            defaultSelectMsgNum = try c.decodeIfPresent(UInt64.self, forKey: .defaultSelectMsgNum) ?? defaultSelectMsgNum
            waitingChainHeadStableDuration =
                try c.decodeIfPresent(GoDuration.self, forKey: .waitingChainHeadStableDuration)
                ?? waitingChainHeadStableDuration
        }
    }

    /// Messages that rescue themselves (beyond upstream): stuck ones replaced with higher fees,
    /// nonce gaps filled.
    public struct Rescue: Codable, Sendable {
        public var enabled = true
        /// Epochs a signed message may wait for the chain before it is replaced.
        public var stuckEpochs: Int64 = 3
        /// Each replacement multiplies the fee cap and premium by at least this (the pool's
        /// replace-by-fee rule is 1.25).
        public var feeRaise = 1.25
        /// The budget of a WindowPoSt message (`SubmitWindowedPoSt`), in the Lotus CLI's amount
        /// form ("0.5", "100 attoFIL"); "0" uses its address's like any other message. A missed
        /// deadline costs far more than gas, so a pool sets it larger.
        public var windowPoStMaxFee = "0"
        enum CodingKeys: String, CodingKey {
            case enabled = "Enabled", stuckEpochs = "StuckEpochs", feeRaise = "FeeRaise"
            case windowPoStMaxFee = "WindowPoStMaxFee"
        }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
            stuckEpochs = try c.decodeIfPresent(Int64.self, forKey: .stuckEpochs) ?? stuckEpochs
            feeRaise = try c.decodeIfPresent(Double.self, forKey: .feeRaise) ?? feeRaise
            windowPoStMaxFee = try c.decodeIfPresent(String.self, forKey: .windowPoStMaxFee) ?? windowPoStMaxFee
        }
    }

    public var api = API()
    public var jwt = JWTSection()
    public var auth = Endpoint(url: "")
    public var node = Endpoint(url: "/ip4/127.0.0.1/tcp/3453")
    public var gateway = Endpoint(url: "/ip4/127.0.0.1/tcp/45132")
    public var db = Database()
    public var messageService = MessageService()
    public var rescue = Rescue()

    /// The environment variable naming the repo.
    public static let environmentKey = "SOPHON_MESSAGER_PATH"
    public static let defaultRepoPath = "~/.sophon-messager"

    enum CodingKeys: String, CodingKey {
        case api = "API", jwt = "JWT", auth = "Auth", node = "Node", gateway = "Gateway", db = "DB"
        case messageService = "MessageService", rescue = "Rescue"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MessagerConfig()
        api = try c.decodeIfPresent(API.self, forKey: .api) ?? defaults.api
        jwt = try c.decodeIfPresent(JWTSection.self, forKey: .jwt) ?? defaults.jwt
        auth = try c.decodeIfPresent(Endpoint.self, forKey: .auth) ?? defaults.auth
        node = try c.decodeIfPresent(Endpoint.self, forKey: .node) ?? defaults.node
        gateway = try c.decodeIfPresent(Endpoint.self, forKey: .gateway) ?? defaults.gateway
        db = try c.decodeIfPresent(Database.self, forKey: .db) ?? defaults.db
        messageService = try c.decodeIfPresent(MessageService.self, forKey: .messageService) ?? defaults.messageService
        rescue = try c.decodeIfPresent(Rescue.self, forKey: .rescue) ?? defaults.rescue
    }
}
