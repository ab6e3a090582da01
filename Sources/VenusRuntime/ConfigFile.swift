import Foundation
import TOMLKit

/// Loads and saves a service's TOML config (`<repo>/config.toml`).
///
/// A config type decodes missing keys to its defaults (its `init(from:)` uses `decodeIfPresent`),
/// so an old config keeps working when keys are added; `loadOrCreate` writes the defaults on
/// first start so operators have every key in front of them.
public enum ConfigFile {
    /// Decodes `C` from TOML text. `path` is only used in errors.
    public static func decode<C: Decodable>(_ type: C.Type, from text: String, path: String = "<config>")
        throws(RepoError) -> C
    {
        do {
            return try TOMLDecoder().decode(C.self, from: text)
        } catch {
            throw .invalidConfig(path: path, reason: String(describing: error))
        }
    }

    /// Encodes `config` as TOML text.
    public static func encode<C: Encodable>(_ config: C) throws(RepoError) -> String {
        do {
            // Basic (double-quoted) strings, as Go's BurntSushi/toml writes Lotus and Venus configs.
            return try TOMLEncoder(options: []).encode(config)
        } catch {
            throw .invalidConfig(path: "<config>", reason: String(describing: error))
        }
    }

    /// Reads `<repo>/config.toml`.
    public static func load<C: Decodable>(_ type: C.Type, from repo: RepoDirectory) throws(RepoError) -> C {
        let text = try repo.readText(RepoDirectory.configFileName)
        return try decode(C.self, from: text, path: repo.file(RepoDirectory.configFileName))
    }

    /// Writes `<repo>/config.toml` (mode 0600: configs may hold database passwords).
    public static func save<C: Encodable>(_ config: C, to repo: RepoDirectory) throws(RepoError) {
        try repo.writeText(encode(config), to: RepoDirectory.configFileName)
    }

    /// Reads `<repo>/config.toml`, or writes `defaults` there and returns them if it is missing.
    public static func loadOrCreate<C: Codable>(_ defaults: C, in repo: RepoDirectory) throws(RepoError) -> C {
        let path = repo.file(RepoDirectory.configFileName)
        if FileManager.default.fileExists(atPath: path) {
            return try load(C.self, from: repo)
        }
        try save(defaults, to: repo)
        return defaults
    }
}
