/// The answer of a venus service's `Version` (venus-shared `types.Version`): `{"Version",
/// "APIVersion"}` and nothing else, unlike Lotus's `APIVersion` (which adds `BlockDelay` and
/// `Agent`). Venus clients read either shape.
public struct VenusVersion: Codable, Sendable, Hashable {
    /// Build version string.
    public var version: String
    /// Semantic API version packed as Lotus does (`APIVersion.pack`).
    public var apiVersion: UInt32

    public init(version: String, apiVersion: UInt32) {
        self.version = version
        self.apiVersion = apiVersion
    }

    enum CodingKeys: String, CodingKey {
        case version = "Version", apiVersion = "APIVersion"
    }
}
