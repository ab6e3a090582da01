import GoCompat

/// The `[JWT]` section of a service's `config.toml`: the hex HS256 secret of the service's own
/// (Lotus-style) API tokens, generated on first start and kept in the repo (mode 0600 with the
/// rest of the config), as venus-wallet's upstream config keeps it.
public struct JWTSection: Codable, Sendable, Hashable {
    /// Hex of the secret; empty until `ensureSecret` makes one.
    public var secret = ""

    enum CodingKeys: String, CodingKey { case secret = "Secret" }

    public init() {}

    public init(from decoder: any Decoder) throws {
        secret = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .secret) ?? ""
    }

    /// The secret's bytes, generating 32 random bytes when the section is empty (the caller saves
    /// the config afterwards).
    /// - Throws: `RepoError.invalidConfig` when a secret is set but is not at least 32 bytes of hex.
    public mutating func ensureSecret() throws(RepoError) -> [UInt8] {
        if let bytes = try? Hex.decode(secret), bytes.count >= 32 { return bytes }
        guard secret.isEmpty else { throw RepoError.invalidConfig(path: "config.toml", reason: "[JWT] Secret must be at least 32 bytes of hex") }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        secret = Hex.encode(bytes)
        return bytes
    }
}
