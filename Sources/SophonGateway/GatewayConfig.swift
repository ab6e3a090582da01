import GoCompat
import Foundation
import VenusRuntime

/// `<repo>/config.toml`, with upstream sophon-gateway's sections and keys plus `[Request]`
/// (upstream's built-in request limits, made settable):
///
/// ```toml
/// EnableVerifyAddress = true
/// [API]
/// ListenAddress = "/ip4/127.0.0.1/tcp/45132"
/// [Auth]
/// URL = "http://127.0.0.1:8989"
/// Token = ""
/// [Request]
/// QueueSize = 2048
/// Timeout = "5m0s"
/// UnsealTimeout = "30m0s"
/// ```
/// Missing keys take these defaults.
public struct GatewayConfig: Codable, Sendable {
    public struct API: Codable, Sendable {
        public var listenAddress = "/ip4/127.0.0.1/tcp/45132"
        enum CodingKeys: String, CodingKey { case listenAddress = "ListenAddress" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            listenAddress = try c.decodeIfPresent(String.self, forKey: .listenAddress) ?? listenAddress
        }
    }
    public struct Auth: Codable, Sendable {
        public var url = "http://127.0.0.1:8989"
        /// An admin token of sophon-auth: the gateway checks users, miners and registers signers with it.
        public var token = ""
        enum CodingKeys: String, CodingKey { case url = "URL", token = "Token" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = try c.decodeIfPresent(String.self, forKey: .url) ?? url
            token = try c.decodeIfPresent(String.self, forKey: .token) ?? token
        }
    }
    public struct Request: Codable, Sendable {
        /// Requests waiting for an answer on one provider connection; more are refused with `queueFull`.
        public var queueSize = 2048
        /// How long a wallet signature, a proof or a market query may take.
        public var timeout = GoDuration(seconds: 5 * 60)
        /// How long an unseal may take.
        public var unsealTimeout = GoDuration(seconds: 30 * 60)
        enum CodingKeys: String, CodingKey { case queueSize = "QueueSize", timeout = "Timeout", unsealTimeout = "UnsealTimeout" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            queueSize = try c.decodeIfPresent(Int.self, forKey: .queueSize) ?? queueSize
            timeout = try c.decodeIfPresent(GoDuration.self, forKey: .timeout) ?? timeout
            unsealTimeout = try c.decodeIfPresent(GoDuration.self, forKey: .unsealTimeout) ?? unsealTimeout
        }
    }

    public var enableVerifyAddress = true
    public var api = API()
    public var auth = Auth()
    public var request = Request()

    enum CodingKeys: String, CodingKey {
        case enableVerifyAddress = "EnableVerifyAddress", api = "API", auth = "Auth", request = "Request"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enableVerifyAddress = try c.decodeIfPresent(Bool.self, forKey: .enableVerifyAddress) ?? true
        api = try c.decodeIfPresent(API.self, forKey: .api) ?? API()
        auth = try c.decodeIfPresent(Auth.self, forKey: .auth) ?? Auth()
        request = try c.decodeIfPresent(Request.self, forKey: .request) ?? Request()
    }

    /// The environment variable naming the repo.
    public static let environmentKey = "SOPHON_GATEWAY_PATH"
    /// The repo used when neither `--repo` nor the environment names one.
    public static let defaultRepoPath = "~/.sophon-gateway"
}
