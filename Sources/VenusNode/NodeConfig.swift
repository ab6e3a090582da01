import Chain
import GoCompat
import VenusRuntime

/// `<repo>/config.toml` of the `venus` node:
///
/// ```toml
/// [API]
/// ListenAddress = "/ip4/127.0.0.1/tcp/3453"
/// [Auth]
/// URL = ""          # sophon-auth; empty: only the node's own tokens are accepted
/// Token = ""        # a sophon-auth token for the node's own calls to it, when it needs one
/// [JWT]
/// Secret = "<hex>"  # the node's own tokens (the repo's `token` file is one of them)
/// [Network]
/// Name = "devnet"
/// Genesis = ""      # a genesis CAR; empty on a devnet: the node makes its own on first start
/// BlockDelay = "4s"
/// PropagationDelay = "1s"
/// PreCommitChallengeDelay = 10
/// NetworkVersion = 6        # the devnet runs at one network version from genesis on
/// ```
/// Missing keys take these defaults.
public struct NodeConfig: Codable, Sendable {
    public struct API: Codable, Sendable {
        public var listenAddress = "/ip4/127.0.0.1/tcp/3453"
        enum CodingKeys: String, CodingKey { case listenAddress = "ListenAddress" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            listenAddress = try c.decodeIfPresent(String.self, forKey: .listenAddress) ?? listenAddress
        }
    }

    public struct Auth: Codable, Sendable {
        /// sophon-auth's address; empty when the node accepts only its own tokens.
        public var url = ""
        public var token = ""
        enum CodingKeys: String, CodingKey { case url = "URL", token = "Token" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = try c.decodeIfPresent(String.self, forKey: .url) ?? url
            token = try c.decodeIfPresent(String.self, forKey: .token) ?? token
        }
    }

    public struct Network: Codable, Sendable {
        public var name = "devnet"
        /// A genesis CAR file; empty on a devnet means the node makes its own on first start.
        public var genesis = ""
        /// Seconds between epochs (2k-style devnet default: 4 s).
        public var blockDelay = GoDuration(seconds: 4)
        /// How long a miner waits for the epoch's other blocks before mining on it.
        public var propagationDelay = GoDuration(seconds: 1)
        /// Epochs between a pre-commit and its seal randomness being drawable.
        public var preCommitChallengeDelay: Int64 = 10
        /// The network version the devnet runs at from genesis on (it has no upgrades): the one its
        /// genesis was made for.
        public var networkVersion: UInt64 = DevnetParameters.defaultNetworkVersion
        enum CodingKeys: String, CodingKey {
            case name = "Name", genesis = "Genesis", blockDelay = "BlockDelay", propagationDelay = "PropagationDelay"
            case preCommitChallengeDelay = "PreCommitChallengeDelay", networkVersion = "NetworkVersion"
        }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? name
            genesis = try c.decodeIfPresent(String.self, forKey: .genesis) ?? genesis
            blockDelay = try c.decodeIfPresent(GoDuration.self, forKey: .blockDelay) ?? blockDelay
            propagationDelay = try c.decodeIfPresent(GoDuration.self, forKey: .propagationDelay) ?? propagationDelay
            preCommitChallengeDelay =
                try c.decodeIfPresent(Int64.self, forKey: .preCommitChallengeDelay) ?? preCommitChallengeDelay
            networkVersion = try c.decodeIfPresent(UInt64.self, forKey: .networkVersion) ?? networkVersion
        }

        /// The devnet's delays and challenge delay as the genesis builder and the actors take them.
        public var devnetParameters: DevnetParameters {
            DevnetParameters(
                blockDelaySeconds: UInt64(max(0, blockDelay.nanoseconds / 1_000_000_000)),
                propagationDelaySeconds: UInt64(max(0, propagationDelay.nanoseconds / 1_000_000_000)),
                preCommitChallengeDelay: preCommitChallengeDelay)
        }
    }

    public var api = API()
    public var auth = Auth()
    public var jwt = JWTSection()
    public var network = Network()

    /// The environment variable naming the repo, as upstream's `VENUS_PATH`.
    public static let environmentKey = "VENUS_PATH"
    public static let defaultRepoPath = "~/.venus"

    enum CodingKeys: String, CodingKey { case api = "API", auth = "Auth", jwt = "JWT", network = "Network" }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        api = try c.decodeIfPresent(API.self, forKey: .api) ?? API()
        auth = try c.decodeIfPresent(Auth.self, forKey: .auth) ?? Auth()
        jwt = try c.decodeIfPresent(JWTSection.self, forKey: .jwt) ?? JWTSection()
        network = try c.decodeIfPresent(Network.self, forKey: .network) ?? Network()
    }
}
