/// The answer of `Filecoin.Version` (Lotus `api.APIVersion`): `{"Version", "APIVersion", "BlockDelay"}`.
public struct APIVersion: Codable, Sendable, Hashable {
    /// Build version string, e.g. `1.28.0+mainnet+git.abcdef`.
    public var version: String
    /// Semantic API version packed as Lotus does: major<<16 | minor<<8 | patch.
    public var apiVersion: UInt32
    /// Seconds between epochs.
    public var blockDelay: UInt64

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case apiVersion = "APIVersion"
        case blockDelay = "BlockDelay"
    }

    public init(version: String, apiVersion: UInt32, blockDelay: UInt64) {
        self.version = version
        self.apiVersion = apiVersion
        self.blockDelay = blockDelay
    }

    /// Packs a semantic version the way Lotus's `newVer` does.
    public static func pack(major: UInt8, minor: UInt8, patch: UInt8) -> UInt32 {
        UInt32(major) << 16 | UInt32(minor) << 8 | UInt32(patch)
    }
}
