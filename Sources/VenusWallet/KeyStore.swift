import VenusAPI
import FilecoinTypes
import Foundation
import GoCompat
import GRDB

/// The encrypted keys, one row per address, in SQLite (WAL, synchronous=FULL) laid out as
/// upstream venus-wallet's gorm schema so either can open the other's file:
///
/// - `wallets(id, created_at, updated_at, deleted_at, address UNIQUE, private_key BLOB)`, where
///   `private_key` is the JSON `{"Type":<key type>,"PrivateKey":<base64 of the CryptoJSON>}`
///   and rows with `deleted_at` set are gorm soft-deletes, treated as absent;
/// - `wallet_password(id, crypto)`: the encryption of "root" under the password, so a password
///   can be checked with one scrypt run (upstream checks by decrypting every key).
///
/// A `put` returns only after its transaction is committed with a full fsync, so an
/// acknowledged import survives a crash.
///
/// Every access after `init` is async: GRDB runs it on its own serial writer queue or reader
/// pool and the caller suspends, so no fsync ever holds a cooperative thread or the wallet actor.
public final class KeyStore: Sendable {
    /// One stored row, still encrypted.
    public struct Entry: Sendable {
        public var address: String
        /// The key type as stored, or nil when the row's JSON does not parse.
        public var type: KeyType?
        /// The encrypted key, or the reason it cannot be read.
        public var encrypted: Result<EncryptedKey, WalletError>
    }

    let database: DatabasePool

    /// Opens (creating if needed) the keystore database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try database.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS wallets (
                            id INTEGER PRIMARY KEY AUTOINCREMENT,
                            created_at DATETIME, updated_at DATETIME, deleted_at DATETIME,
                            address VARCHAR(255), private_key BLOB NOT NULL);
                        CREATE UNIQUE INDEX IF NOT EXISTS idx_wallets_address ON wallets(address);
                        CREATE INDEX IF NOT EXISTS idx_wallets_deleted_at ON wallets(deleted_at);
                        CREATE TABLE IF NOT EXISTS wallet_password (
                            id INTEGER PRIMARY KEY CHECK (id = 1), crypto BLOB NOT NULL);
                        CREATE TABLE IF NOT EXISTS sign_record (
                            id VARCHAR(256) PRIMARY KEY NOT NULL, created_at DATETIME,
                            type TEXT, signer VARCHAR(256) NOT NULL, err VARCHAR(256) DEFAULT NULL,
                            raw_msg BLOB DEFAULT NULL, signature_type INTEGER, signature_data BLOB);
                        CREATE INDEX IF NOT EXISTS idx_sign_record_created_at ON sign_record(created_at);
                        CREATE INDEX IF NOT EXISTS idx_sign_record_signer ON sign_record(signer);
                        """)
            }
        } catch {
            throw WalletError.storage("\(error)")
        }
    }

    private struct StoredKeyInfo: Codable {
        var type: String
        var privateKey: String
        enum CodingKeys: String, CodingKey { case type = "Type", privateKey = "PrivateKey" }
    }

    /// Stores `key` for `address` unless a live row exists (upstream keeps the first import).
    /// - Returns: whether a row was written.
    @discardableResult
    public func put(address: Address, type: KeyType, key: EncryptedKey) async throws -> Bool {
        let cryptoJSON = try JSONEncoder().encode(key)
        let blob = try JSONEncoder().encode(
            StoredKeyInfo(type: type.rawValue, privateKey: cryptoJSON.base64EncodedString()))
        let name = address.description
        return try await storage {
            try await database.write { db in
                if try Row.fetchOne(
                    db, sql: "SELECT 1 FROM wallets WHERE address = ? AND deleted_at IS NULL", arguments: [name])
                    != nil
                {
                    return false
                }
                try db.execute(sql: "DELETE FROM wallets WHERE address = ?", arguments: [name])
                let now = Date()
                try db.execute(
                    sql: "INSERT INTO wallets (created_at, updated_at, address, private_key) VALUES (?, ?, ?, ?)",
                    arguments: [now, now, name, blob])
                return true
            }
        }
    }

    public func has(_ address: Address) async throws -> Bool {
        let name = address.description
        return try await storage {
            try await database.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT 1 FROM wallets WHERE address = ? AND deleted_at IS NULL",
                    arguments: [name]) != nil
            }
        }
    }

    /// The addresses of live rows, in insertion order. Rows whose address does not parse are
    /// skipped (they cannot be signed with anyway).
    public func list() async throws -> [Address] {
        let names = try await storage {
            try await database.read { db in
                try String.fetchAll(db, sql: "SELECT address FROM wallets WHERE deleted_at IS NULL ORDER BY id")
            }
        }
        return names.compactMap { try? Address($0) }
    }

    /// The row of `address`, or nil.
    public func entry(_ address: Address) async throws -> Entry? {
        let name = address.description
        let blob = try await storage {
            try await database.read { db in
                try Data.fetchOne(
                    db, sql: "SELECT private_key FROM wallets WHERE address = ? AND deleted_at IS NULL",
                    arguments: [name])
            }
        }
        guard let blob else { return nil }
        return Self.parse(address: name, blob: blob)
    }

    /// Every live row.
    public func entries() async throws -> [Entry] {
        // Rows are not Sendable: they are read into entries inside the (async) read.
        try await storage {
            try await database.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT address, private_key FROM wallets WHERE deleted_at IS NULL ORDER BY id"
                ).map { row in
                    let name: String = row["address"] ?? ""
                    let blob: Data = row["private_key"] ?? Data()
                    return Self.parse(address: name, blob: blob)
                }
            }
        }
    }

    static func parse(address: String, blob: Data) -> Entry {
        guard let info = try? JSONDecoder().decode(StoredKeyInfo.self, from: blob) else {
            return Entry(address: address, type: nil, encrypted: .failure(.corruptedKey(address: address, reason: "row is not KeyInfo JSON")))
        }
        let type = KeyType(rawValue: info.type)
        guard let cryptoJSON = GoBytes.decodeBase64(info.privateKey).map({ Data($0) }) else {
            return Entry(address: address, type: type, encrypted: .failure(.corruptedKey(address: address, reason: "PrivateKey is not base64")))
        }
        do {
            return Entry(address: address, type: type, encrypted: .success(try JSONDecoder().decode(EncryptedKey.self, from: cryptoJSON)))
        } catch {
            return Entry(address: address, type: type, encrypted: .failure(.corruptedKey(address: address, reason: "\(error)")))
        }
    }

    /// Deletes the row of `address`. - Returns: whether a row was deleted.
    @discardableResult
    public func delete(_ address: Address) async throws -> Bool {
        let name = address.description
        return try await storage {
            try await database.write { db in
                try db.execute(sql: "DELETE FROM wallets WHERE address = ?", arguments: [name])
                return db.changesCount > 0
            }
        }
    }

    /// The raw `private_key` column of `address`, for inspection and repair.
    func rawRow(_ address: Address) async throws -> Data? {
        let name = address.description
        return try await storage {
            try await database.read { db in
                try Data.fetchOne(db, sql: "SELECT private_key FROM wallets WHERE address = ?", arguments: [name])
            }
        }
    }

    /// Overwrites the raw `private_key` column of `address`.
    func replaceRawRow(_ address: Address, with blob: Data) async throws {
        let name = address.description
        try await storage {
            try await database.write { db in
                try db.execute(sql: "UPDATE wallets SET private_key = ? WHERE address = ?", arguments: [blob, name])
            }
        }
    }

    /// The stored password check, or nil when none is stored.
    public func passwordCheck() async throws -> EncryptedKey? {
        let blob = try await storage {
            try await database.read { db in try Data.fetchOne(db, sql: "SELECT crypto FROM wallet_password WHERE id = 1") }
        }
        guard let blob else { return nil }
        do {
            return try JSONDecoder().decode(EncryptedKey.self, from: blob)
        } catch {
            throw WalletError.storage("password check row is corrupted: \(error)")
        }
    }

    /// Stores the password check unless one is stored already (two concurrent SetPassword
    /// calls: the first to commit wins). - Returns: whether it was stored.
    public func insertPasswordCheck(_ check: EncryptedKey) async throws -> Bool {
        let blob = try JSONEncoder().encode(check)
        return try await storage {
            try await database.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO wallet_password (id, crypto) VALUES (1, ?)", arguments: [blob])
                return db.changesCount > 0
            }
        }
    }

    func storage<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as WalletError {
            throw error
        } catch {
            throw WalletError.storage("\(error)")
        }
    }
}
