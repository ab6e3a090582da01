import FilecoinCrypto
import FilecoinTypes
import Foundation

/// The storage provider's wallet: encrypted keys, a lock, a signing policy, a sign filter and a
/// sign record.
///
/// Invariants: the wallet starts locked; while locked no private key is decrypted and none is
/// held in memory (locking releases every cached key, whose storage zeroes itself, and wipes the
/// password hash); a password is checked before any key is decrypted or written; every key row
/// is encrypted under keccak-256 of the one password.
public actor Wallet {
    public struct Configuration: Sendable {
        public var scrypt: ScryptParameters
        /// The sign filter command (`sh -c`), empty for none.
        public var signFilter: String
        /// Whether sign records are kept, and for how long.
        public var recordSigns: Bool
        public var recordKeep: TimeInterval
        /// The EIP-155 chain id of the transactions f410 accounts sign (the network's).
        public var ethChainID: UInt64

        public init(
            scrypt: ScryptParameters = .standard, signFilter: String = "", recordSigns: Bool = true,
            recordKeep: TimeInterval = 7 * 24 * 3600, ethChainID: UInt64 = EthTransaction1559.devnetChainID
        ) {
            self.scrypt = scrypt
            self.signFilter = signFilter
            self.recordSigns = recordSigns
            self.recordKeep = recordKeep
            self.ethChainID = ethChainID
        }
    }

    public nonisolated let store: KeyStore
    public nonisolated let configuration: Configuration
    public nonisolated let policy: SigningPolicy
    let recorder: SignRecorder
    let filter: SignFilter
    /// keccak-256 of the password while unlocked; nil while locked.
    private var passwordHash: [UInt8]?
    private var cache: [Address: WalletKey] = [:]

    /// The plaintext of the password check row.
    static let passwordCheckPlaintext = Array("root".utf8)

    public init(store: KeyStore, configuration: Configuration = Configuration()) {
        self.store = store
        self.configuration = configuration
        var rng = SystemRandomNumberGenerator()
        policy = SigningPolicy(
            randomBytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }, ethChainID: configuration.ethChainID)
        recorder = SignRecorder(store: store, keep: configuration.recordKeep)
        filter = SignFilter(command: configuration.signFilter)
    }

    // MARK: Lock

    public var isLocked: Bool { passwordHash == nil }

    /// Sets the password of a new keystore and unlocks it. On a keystore made by upstream
    /// venus-wallet (keys but no password check row) the password must decrypt every key.
    /// - Throws: `.passwordAlreadySet`, `.wrongPassword`.
    public func setPassword(_ password: String) throws {
        guard try store.passwordCheck() == nil else { throw WalletError.passwordAlreadySet }
        guard !password.isEmpty else { throw WalletError.wrongPassword }
        var hash = Keccak256.hash(Array(password.utf8))
        for entry in try store.entries() {
            guard case .success(let encrypted) = entry.encrypted else { continue }
            do {
                var plain = try encrypted.decrypt(passwordHash: hash)
                EncryptedKey.wipe(&plain)
            } catch {
                EncryptedKey.wipe(&hash)
                throw WalletError.wrongPassword
            }
        }
        let check = try EncryptedKey.encrypt(Self.passwordCheckPlaintext, passwordHash: hash, scrypt: configuration.scrypt)
        try store.setPasswordCheck(check)
        replacePasswordHash(with: hash)
    }

    /// - Throws: `.passwordNotSet`, `.alreadyUnlocked`, `.wrongPassword`.
    public func unlock(_ password: String) throws {
        guard passwordHash == nil else { throw WalletError.alreadyUnlocked }
        let hash = try checkedPasswordHash(password)
        replacePasswordHash(with: hash)
    }

    /// Locks the wallet, dropping every decrypted key.
    /// - Throws: `.alreadyLocked`, `.wrongPassword` (upstream requires the password to lock).
    public func lock(_ password: String) throws {
        guard let current = passwordHash else { throw WalletError.alreadyLocked }
        guard EncryptedKey.constantTimeEqual(Keccak256.hash(Array(password.utf8)), current) else {
            throw WalletError.wrongPassword
        }
        replacePasswordHash(with: nil)
    }

    /// - Throws: `.locked` while locked, `.wrongPassword` on a mismatch.
    public func verifyPassword(_ password: String) throws {
        guard let current = passwordHash else { throw WalletError.locked }
        guard EncryptedKey.constantTimeEqual(Keccak256.hash(Array(password.utf8)), current) else {
            throw WalletError.wrongPassword
        }
    }

    private func checkedPasswordHash(_ password: String) throws -> [UInt8] {
        guard let check = try store.passwordCheck() else { throw WalletError.passwordNotSet }
        var hash = Keccak256.hash(Array(password.utf8))
        do {
            var plain = try check.decrypt(passwordHash: hash)
            let matches = plain == Self.passwordCheckPlaintext
            EncryptedKey.wipe(&plain)
            guard matches else { throw WalletError.wrongPassword }
        } catch {
            EncryptedKey.wipe(&hash)
            throw error
        }
        return hash
    }

    /// Installs a new password hash (nil to lock), wiping the old one and, when locking, every
    /// cached key.
    private func replacePasswordHash(with hash: [UInt8]?) {
        if var old = passwordHash { EncryptedKey.wipe(&old) }
        passwordHash = hash
        if hash == nil { cache.removeAll() }
    }

    private func unlockedHash() throws -> [UInt8] {
        guard let passwordHash else {
            throw try store.passwordCheck() == nil ? WalletError.passwordNotSet : WalletError.locked
        }
        return passwordHash
    }

    // MARK: Keys

    /// Generates and stores a key. - Returns: its address.
    public func new(_ type: KeyType) throws -> Address {
        let key = try WalletKey.generate(type)
        try put(key)
        return key.address
    }

    /// Imports a key; importing a key already present is a no-op that returns its address.
    /// The key is durable (committed with fsync) when this returns.
    public func importKey(_ keyInfo: KeyInfo) throws -> Address {
        _ = try unlockedHash()
        let key = try WalletKey(keyInfo: keyInfo)
        if try store.has(key.address) { return key.address }
        try put(key)
        return key.address
    }

    private func put(_ key: WalletKey) throws {
        let hash = try unlockedHash()
        var info = key.keyInfo
        defer { EncryptedKey.wipe(&info.privateKey) }
        let encrypted = try EncryptedKey.encrypt(info.privateKey, passwordHash: hash, scrypt: configuration.scrypt)
        try store.put(address: key.address, type: key.type, key: encrypted)
        cache[key.address] = key
    }

    public func has(_ address: Address) throws -> Bool { try store.has(address) }

    public func list() throws -> [Address] { try store.list() }

    public func export(_ address: Address) throws -> KeyInfo {
        try key(for: address).keyInfo
    }

    public func delete(_ address: Address) throws {
        _ = try unlockedHash()
        guard try store.delete(address) else { throw WalletError.keyNotFound(address.description) }
        cache[address] = nil
    }

    /// The decrypted key of `address`, from the cache or the keystore.
    private func key(for address: Address) throws -> WalletKey {
        let hash = try unlockedHash()
        if let key = cache[address] { return key }
        guard let entry = try store.entry(address) else { throw WalletError.keyNotFound(address.description) }
        let encrypted = try entry.encrypted.get()
        guard let type = entry.type else {
            throw WalletError.corruptedKey(address: entry.address, reason: "unknown key type")
        }
        var plain: [UInt8]
        do {
            plain = try encrypted.decrypt(passwordHash: hash)
        } catch WalletError.wrongPassword {
            // The password was verified at unlock, so a MAC mismatch means this row changed.
            throw WalletError.corruptedKey(address: entry.address, reason: "MAC mismatch")
        }
        defer { EncryptedKey.wipe(&plain) }
        let key: WalletKey
        do {
            key = try WalletKey(keyInfo: KeyInfo(type: type, privateKey: plain))
        } catch {
            throw WalletError.corruptedKey(address: entry.address, reason: "not a valid \(type.rawValue) key")
        }
        guard key.address == address else {
            throw WalletError.corruptedKey(address: entry.address, reason: "the key belongs to \(key.address)")
        }
        cache[address] = key
        return key
    }

    // MARK: Signing

    /// Signs for `signer` after the signing policy and the sign filter allow it; records the
    /// outcome (success or refusal) when recording is on.
    public func sign(signer: Address, data: [UInt8], meta: WalletMsgMeta) throws -> Signature {
        _ = try unlockedHash()
        var rawObject = data
        do {
            let decision = try policy.decide(signer: signer, data: data, meta: meta)
            rawObject = decision.rawObject
            try filter.check(type: meta.type, objectJSON: decision.filterJSON)
            let signature = try key(for: signer).sign(decision.bytes)
            record(meta.type, signer: signer, raw: rawObject, signature: signature, error: nil)
            return signature
        } catch {
            record(meta.type, signer: signer, raw: rawObject, signature: nil, error: "\(error)")
            throw error
        }
    }

    private func record(_ type: MsgType, signer: Address, raw: [UInt8], signature: Signature?, error: String?) {
        guard configuration.recordSigns else { return }
        // A failed record must not fail (or un-fail) the signature itself.
        try? recorder.record(
            SignRecord(
                id: UUID().uuidString.lowercased(), type: type, signer: signer, error: error, rawMessage: raw,
                signature: signature, createdAt: Date()))
    }

    /// ListSignedRecord.
    public func signRecords(_ query: SignRecordQuery) throws -> [SignRecord] {
        try recorder.query(query)
    }

    /// Deletes records older than the configured keep time.
    @discardableResult
    public func pruneSignRecords(now: Date = Date()) throws -> Int {
        try recorder.prune(now: now)
    }
}
