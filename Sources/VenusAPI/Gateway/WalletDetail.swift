/// The wallets of one account (venus-shared `gateway.WalletDetail`):
/// `{"Account": "sp1", "SupportAccounts": [...], "ConnectStates": [...]}`.
public struct WalletDetail: Codable, Sendable, Hashable {
    public var account: String
    public var supportAccounts: [String]
    public var connectStates: [ConnectState]

    public init(account: String, supportAccounts: [String], connectStates: [ConnectState]) {
        self.account = account
        self.supportAccounts = supportAccounts
        self.connectStates = connectStates
    }

    enum CodingKeys: String, CodingKey {
        case account = "Account", supportAccounts = "SupportAccounts", connectStates = "ConnectStates"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        account = try c.decode(String.self, forKey: .account)
        supportAccounts = try c.decodeIfPresent([String].self, forKey: .supportAccounts) ?? []
        connectStates = try c.decodeIfPresent([ConnectState].self, forKey: .connectStates) ?? []
    }
}
