/// `[APIRegisterHub]` of venus-wallet's config.toml, as upstream names it: the gateways the
/// wallet joins, the sophon-auth token it joins with, and the extra accounts it serves.
///
/// ```toml
/// [APIRegisterHub]
/// RegisterAPI = ["/ip4/127.0.0.1/tcp/45132"]
/// Token = "<sophon-auth token of the storage provider's user>"
/// SupportAccounts = []
/// ```
/// Each `RegisterAPI` entry is a multiaddr, `host:port`, or a `ws://`/`http://` URL; without a
/// path the wallet dials `/rpc/v2`.
public struct APIRegisterHubConfig: Codable, Sendable, Hashable {
    public var registerAPI: [String] = []
    public var token = ""
    public var supportAccounts: [String] = []

    enum CodingKeys: String, CodingKey {
        case registerAPI = "RegisterAPI", token = "Token", supportAccounts = "SupportAccounts"
    }

    public init(registerAPI: [String] = [], token: String = "", supportAccounts: [String] = []) {
        self.registerAPI = registerAPI
        self.token = token
        self.supportAccounts = supportAccounts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        registerAPI = try c.decodeIfPresent([String].self, forKey: .registerAPI) ?? []
        token = try c.decodeIfPresent(String.self, forKey: .token) ?? ""
        supportAccounts = try c.decodeIfPresent([String].self, forKey: .supportAccounts) ?? []
    }
}
