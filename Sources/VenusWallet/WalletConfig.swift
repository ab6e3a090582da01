import GoCompat
import FilecoinTypes
import Foundation
import VenusRuntime

/// `<repo>/config.toml`, with upstream venus-wallet's sections and keys:
///
/// ```toml
/// [API]
/// ListenAddress = "/ip4/127.0.0.1/tcp/5678/http"
/// [Factor]
/// ScryptN = 262144
/// ScryptP = 1
/// [SignFilter]
/// Expr = ""
/// [SignRecorder]
/// Enable = true
/// KeepDuration = "168h0m0s"
/// [JWT]
/// Secret = "<hex>"
/// [APIRegisterHub]
/// RegisterAPI = []
/// Token = ""
/// SupportAccounts = []
/// ```
/// Missing keys take these defaults, so an older or partial config keeps working.
public struct WalletConfig: Codable, Sendable {
    public struct API: Codable, Sendable {
        public var listenAddress = "/ip4/127.0.0.1/tcp/5678/http"
        enum CodingKeys: String, CodingKey { case listenAddress = "ListenAddress" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            listenAddress = try c.decodeIfPresent(String.self, forKey: .listenAddress) ?? listenAddress
        }
    }
    public struct Factor: Codable, Sendable {
        public var scryptN = 1 << 18
        public var scryptP = 1
        enum CodingKeys: String, CodingKey { case scryptN = "ScryptN", scryptP = "ScryptP" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            scryptN = try c.decodeIfPresent(Int.self, forKey: .scryptN) ?? scryptN
            scryptP = try c.decodeIfPresent(Int.self, forKey: .scryptP) ?? scryptP
        }
    }
    public struct Filter: Codable, Sendable {
        public var expr = ""
        enum CodingKeys: String, CodingKey { case expr = "Expr" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            expr = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .expr) ?? ""
        }
    }
    public struct Recorder: Codable, Sendable {
        public var enable = true
        public var keepDuration = GoDuration(seconds: 7 * 24 * 3600)
        enum CodingKeys: String, CodingKey { case enable = "Enable", keepDuration = "KeepDuration" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            enable = try c.decodeIfPresent(Bool.self, forKey: .enable) ?? enable
            keepDuration = try c.decodeIfPresent(GoDuration.self, forKey: .keepDuration) ?? keepDuration
        }
    }
    /// `[Eth] ChainID`: the EIP-155 chain id f410 accounts sign for (314 mainnet, 314159 calibnet,
    /// 31415926 the devnet, the default). Not an upstream section: Lotus fixes it at build time.
    public struct Eth: Codable, Sendable {
        public var chainID = EthTransaction1559.devnetChainID
        enum CodingKeys: String, CodingKey { case chainID = "ChainID" }
        public init() {}
        public init(from decoder: any Decoder) throws {
            chainID = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(UInt64.self, forKey: .chainID) ?? chainID
        }
    }

    public var api = API()
    public var eth = Eth()
    public var factor = Factor()
    public var signFilter = Filter()
    public var signRecorder = Recorder()
    public var jwt = JWTSection()
    public var apiRegisterHub = APIRegisterHubConfig()

    enum CodingKeys: String, CodingKey {
        case api = "API", factor = "Factor", signFilter = "SignFilter", signRecorder = "SignRecorder", jwt = "JWT"
        case apiRegisterHub = "APIRegisterHub", eth = "Eth"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        api = try c.decodeIfPresent(API.self, forKey: .api) ?? API()
        factor = try c.decodeIfPresent(Factor.self, forKey: .factor) ?? Factor()
        signFilter = try c.decodeIfPresent(Filter.self, forKey: .signFilter) ?? Filter()
        signRecorder = try c.decodeIfPresent(Recorder.self, forKey: .signRecorder) ?? Recorder()
        jwt = try c.decodeIfPresent(JWTSection.self, forKey: .jwt) ?? JWTSection()
        apiRegisterHub = try c.decodeIfPresent(APIRegisterHubConfig.self, forKey: .apiRegisterHub) ?? APIRegisterHubConfig()
        eth = try c.decodeIfPresent(Eth.self, forKey: .eth) ?? Eth()
    }

    /// The wallet settings this config describes.
    public func walletConfiguration() throws -> Wallet.Configuration {
        Wallet.Configuration(
            scrypt: try ScryptParameters(n: factor.scryptN, p: factor.scryptP), signFilter: signFilter.expr,
            recordSigns: signRecorder.enable, recordKeep: Double(signRecorder.keepDuration.nanoseconds) / 1e9,
            ethChainID: eth.chainID)
    }
}
