import Foundation

/// The wallet's repo folder (upstream layout): `config.toml`, `keystore.sqlit`, `token`, `api`.
/// Its path is `--repo`, else `$VENUS_WALLET_PATH`, else `~/.venus_wallet`.
public struct WalletRepo: Sendable {
    public let folder: URL

    public static let databaseName = "keystore.sqlit"

    public init(path: String?) {
        let environment = ProcessInfo.processInfo.environment
        let chosen = path ?? environment["VENUS_WALLET_PATH"] ?? "~/.venus_wallet"
        folder = URL(fileURLWithPath: (chosen as NSString).expandingTildeInPath)
    }

    public var databasePath: String { folder.appendingPathComponent(Self.databaseName).path }

    /// Creates the folder (mode 0700: it holds the keystore and the API token) and opens the
    /// keystore.
    public func openStore() throws -> KeyStore {
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WalletError.storage("cannot create repo \(folder.path): \(error)")
        }
        return try KeyStore(path: databasePath)
    }
}
