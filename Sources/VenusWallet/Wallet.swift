import VenusAPI
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
///
/// Nothing slow runs on the actor: scrypt runs on NIO's blocking pool (`BlockingWork`), the
/// keystore's reads and fsync'd writes on GRDB's queues, the sign filter's process on its own
/// threads, and signing itself outside the actor. The actor only guards the lock state and the
/// key cache, so a signature with a cached key never waits for a key import. Because the actor
/// is re-entered at every suspension, state read before one is checked again after it (see
/// `cacheGeneration`).
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
    /// Bumped by lock and delete. A key that work started before the bump decrypted or imported
    /// (across a suspension for scrypt or the disk) is not put in the cache afterwards, so a
    /// lock or delete can never be undone by work still in flight.
    private var cacheGeneration = 0

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
    public func setPassword(_ password: String) async throws {
        guard try await store.passwordCheck() == nil else { throw WalletError.passwordAlreadySet }
        guard !password.isEmpty else { throw WalletError.wrongPassword }
        let hash = Keccak256.hash(Array(password.utf8))
        let entries = try await store.entries()
        let scrypt = configuration.scrypt
        let check = try await BlockingWork.run { () throws -> EncryptedKey in
            for entry in entries {
                guard case .success(let encrypted) = entry.encrypted else { continue }
                do {
                    var plain = try encrypted.decrypt(passwordHash: hash)
                    EncryptedKey.wipe(&plain)
                } catch {
                    throw WalletError.wrongPassword
                }
            }
            return try EncryptedKey.encrypt(Self.passwordCheckPlaintext, passwordHash: hash, scrypt: scrypt)
        }
        guard try await store.insertPasswordCheck(check) else { throw WalletError.passwordAlreadySet }
        replacePasswordHash(with: hash)
    }

    /// - Throws: `.passwordNotSet`, `.alreadyUnlocked`, `.wrongPassword`.
    public func unlock(_ password: String) async throws {
        guard passwordHash == nil else { throw WalletError.alreadyUnlocked }
        let hash = try await checkedPasswordHash(password)
        // Another Unlock may have won while the password was being checked.
        guard passwordHash == nil else { throw WalletError.alreadyUnlocked }
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

    /// keccak-256 of `password` once it decrypts the password check row (scrypt, off the actor).
    private func checkedPasswordHash(_ password: String) async throws -> [UInt8] {
        guard let check = try await store.passwordCheck() else { throw WalletError.passwordNotSet }
        let hash = Keccak256.hash(Array(password.utf8))
        try await BlockingWork.run {
            var plain = try check.decrypt(passwordHash: hash)
            defer { EncryptedKey.wipe(&plain) }
            guard plain == Self.passwordCheckPlaintext else { throw WalletError.wrongPassword }
        }
        return hash
    }

    /// Installs a new password hash (nil to lock), wiping the old one and, when locking, every
    /// cached key.
    private func replacePasswordHash(with hash: [UInt8]?) {
        if var old = passwordHash { EncryptedKey.wipe(&old) }
        passwordHash = hash
        if hash == nil {
            cache.removeAll()
            cacheGeneration += 1
        }
    }

    private func unlockedHash() async throws -> [UInt8] {
        if let passwordHash { return passwordHash }
        throw try await store.passwordCheck() == nil ? WalletError.passwordNotSet : WalletError.locked
    }

    // MARK: Keys

    /// Generates and stores a key. - Returns: its address.
    public func new(_ type: KeyType) async throws -> Address {
        let key = try WalletKey.generate(type)
        try await put(key)
        return key.address
    }

    /// Imports a key; importing a key already present is a no-op that returns its address.
    /// The key is durable (committed with fsync) when this returns.
    public func importKey(_ keyInfo: KeyInfo) async throws -> Address {
        _ = try await unlockedHash()
        let key = try WalletKey(keyInfo: keyInfo)
        if try await store.has(key.address) { return key.address }
        try await put(key)
        return key.address
    }

    /// Encrypts (scrypt, off the actor) and stores `key`, then caches it unless the wallet was
    /// locked or a key deleted meanwhile.
    private func put(_ key: WalletKey) async throws {
        let hash = try await unlockedHash()
        let generation = cacheGeneration
        let scrypt = configuration.scrypt
        let encrypted = try await BlockingWork.run {
            var info = key.keyInfo
            defer { EncryptedKey.wipe(&info.privateKey) }
            return try EncryptedKey.encrypt(info.privateKey, passwordHash: hash, scrypt: scrypt)
        }
        try await store.put(address: key.address, type: key.type, key: encrypted)
        if generation == cacheGeneration { cache[key.address] = key }
    }

    public func has(_ address: Address) async throws -> Bool { try await store.has(address) }

    public func list() async throws -> [Address] { try await store.list() }

    public func export(_ address: Address) async throws -> KeyInfo {
        try await key(for: address).keyInfo
    }

    public func delete(_ address: Address) async throws {
        _ = try await unlockedHash()
        guard try await store.delete(address) else { throw WalletError.keyNotFound(address.description) }
        cache[address] = nil
        cacheGeneration += 1
    }

    /// The decrypted key of `address`, from the cache or the keystore (scrypt, off the actor).
    private func key(for address: Address) async throws -> WalletKey {
        let hash = try await unlockedHash()
        if let key = cache[address] { return key }
        let generation = cacheGeneration
        guard let entry = try await store.entry(address) else { throw WalletError.keyNotFound(address.description) }
        let encrypted = try entry.encrypted.get()
        guard let type = entry.type else {
            throw WalletError.corruptedKey(address: entry.address, reason: "unknown key type")
        }
        let key = try await BlockingWork.run { () throws -> WalletKey in
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
            return key
        }
        // Locked while decrypting: the key must not be used or kept.
        guard passwordHash != nil else { throw WalletError.locked }
        if generation == cacheGeneration { cache[address] = key }
        return key
    }

    // MARK: Signing

    /// Signs for `signer` after the signing policy and the sign filter allow it; records the
    /// outcome (success or refusal) when recording is on. Only the lock check and the key
    /// lookup run on the actor; the policy, the filter, the signature and the record do not.
    public nonisolated func sign(signer: Address, data: [UInt8], meta: WalletMsgMeta) async throws -> Signature {
        _ = try await unlockedHash()
        var rawObject = data
        do {
            let decision = try policy.decide(signer: signer, data: data, meta: meta)
            rawObject = decision.rawObject
            try await filter.check(type: meta.type, objectJSON: decision.filterJSON)
            let signature = try await key(for: signer).sign(decision.bytes)
            await record(meta.type, signer: signer, raw: rawObject, signature: signature, error: nil)
            return signature
        } catch {
            await record(meta.type, signer: signer, raw: rawObject, signature: nil, error: "\(error)")
            throw error
        }
    }

    private nonisolated func record(_ type: MsgType, signer: Address, raw: [UInt8], signature: Signature?, error: String?)
        async
    {
        guard configuration.recordSigns else { return }
        // A failed record must not fail (or un-fail) the signature itself.
        try? await recorder.record(
            SignRecord(
                id: UUID().uuidString.lowercased(), type: type, signer: signer, error: error, rawMessage: raw,
                signature: signature, createdAt: Date()))
    }

    /// ListSignedRecord.
    public nonisolated func signRecords(_ query: SignRecordQuery) async throws -> [SignRecord] {
        try await recorder.query(query)
    }

    /// Deletes records older than the configured keep time.
    @discardableResult
    public nonisolated func pruneSignRecords(now: Date = Date()) async throws -> Int {
        try await recorder.prune(now: now)
    }
}
