import GoCompat
import Foundation

/// What a wallet sends with `ListenWalletEvent` (venus-shared `gateway.WalletRegisterPolicy`):
/// `{"SupportAccounts": ["pool-a"], "SignBytes": "<base64>"}`. `SignBytes` are the wallet's
/// random bytes: the gateway's `verifyaddress` challenge is sha256(gateway random ‖ SignBytes).
public struct WalletRegisterPolicy: Codable, Sendable, Hashable {
    public var supportAccounts: [String]
    public var signBytes: Data

    public init(supportAccounts: [String] = [], signBytes: Data) {
        self.supportAccounts = supportAccounts
        self.signBytes = signBytes
    }

    enum CodingKeys: String, CodingKey { case supportAccounts = "SupportAccounts", signBytes = "SignBytes" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        supportAccounts = try c.decodeIfPresent([String].self, forKey: .supportAccounts) ?? []
        signBytes = Data(try c.decodeIfPresent(GoBytes.self, forKey: .signBytes)?.orEmpty ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(supportAccounts, forKey: .supportAccounts)
        try c.encode(GoBytes(nilIfEmpty: signBytes), forKey: .signBytes)
    }
}
