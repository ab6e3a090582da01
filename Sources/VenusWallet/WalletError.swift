import VenusAPI

/// Why a wallet operation was refused. Each case names the condition precisely enough for an
/// operator to act on it; none of them leaks key material.
public enum WalletError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No password has been set (upstream `password not set`).
    case passwordNotSet
    /// SetPassword on a wallet that already has one.
    case passwordAlreadySet
    /// The password does not decrypt the keystore (upstream `password mismatch`).
    case wrongPassword
    /// The wallet is locked: keys can be listed but not used.
    case locked
    case alreadyLocked
    case alreadyUnlocked
    /// No key for this address.
    case keyNotFound(String)
    /// Private key bytes that are not a valid key of the type.
    case invalidPrivateKey(KeyType)
    /// A key import text that is neither KeyInfo JSON nor its hex.
    case malformedKeyInfo(String)
    /// A keystore row that cannot be read or whose MAC does not verify under a password that
    /// verifies other rows.
    case corruptedKey(address: String, reason: String)
    /// The signing policy refused the request.
    case signRefused(String)
    /// The sign filter command refused the request.
    case filterRefused(String)
    /// A storage failure (SQLite).
    case storage(String)

    public var description: String {
        switch self {
        case .passwordNotSet: "password not set"
        case .passwordAlreadySet: "the password already exists"
        case .wrongPassword: "password mismatch"
        case .locked: "wallet locked"
        case .alreadyLocked: "wallet already locked"
        case .alreadyUnlocked: "wallet already unlocked"
        case .keyNotFound(let address): "key not found: \(address)"
        case .invalidPrivateKey(let type): "invalid \(type.rawValue) private key"
        case .malformedKeyInfo(let reason): "malformed key info: \(reason)"
        case .corruptedKey(let address, let reason): "keystore entry for \(address) is corrupted: \(reason)"
        case .signRefused(let reason): "sign refused: \(reason)"
        case .filterRefused(let reason): "sign filter refused: \(reason)"
        case .storage(let reason): "keystore storage error: \(reason)"
        }
    }
}
