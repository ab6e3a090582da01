import VenusRuntime
import VenusWallet

/// Config text through the same TOML reader the services use.
enum ConfigFileDecoding {
    static func wallet(_ text: String) throws -> WalletConfig {
        try ConfigFile.decode(WalletConfig.self, from: text)
    }
}
