/// The answer of `Filecoin.Version` (Lotus `api.APIVersion`): `{"Version", "APIVersion", "BlockDelay"}`,
/// plus `"Agent"` when set. Lotus (since it added the agent) always writes `Agent`; venus writes
/// neither `Agent` nor `BlockDelay` (read as 0). This type writes Lotus's members.
public struct APIVersion: Codable, Sendable, Hashable {
    /// Build version string, e.g. `1.28.0+mainnet+git.abcdef`.
    public var version: String
    /// Semantic API version packed as Lotus does: major<<16 | minor<<8 | patch.
    public var apiVersion: UInt32
    /// Seconds between epochs.
    public var blockDelay: UInt64
    /// The node's agent name as it announces itself to peers (`"lotus"`, `"venus"`); nil: not sent.
    public var agent: String?

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case apiVersion = "APIVersion"
        case blockDelay = "BlockDelay"
        case agent = "Agent"
    }

    public init(version: String, apiVersion: UInt32, blockDelay: UInt64, agent: String? = nil) {
        self.version = version
        self.apiVersion = apiVersion
        self.blockDelay = blockDelay
        self.agent = agent
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        apiVersion = try c.decode(UInt32.self, forKey: .apiVersion)
        // venus-shared's `types.Version` has no block delay; its nodes send none.
        blockDelay = try c.decodeIfPresent(UInt64.self, forKey: .blockDelay) ?? 0
        agent = try c.decodeIfPresent(String.self, forKey: .agent)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(apiVersion, forKey: .apiVersion)
        try c.encode(blockDelay, forKey: .blockDelay)
        try c.encodeIfPresent(agent, forKey: .agent)
    }

    /// Packs a semantic version the way Lotus's `newVer` does.
    public static func pack(major: UInt8, minor: UInt8, patch: UInt8) -> UInt32 {
        UInt32(major) << 16 | UInt32(minor) << 8 | UInt32(patch)
    }
}
