import FilecoinTypes
import Foundation
import GRDB
import VenusAPI

/// sophon-auth's SQLite database (WAL mode through a GRDB `DatabasePool`), migrated to
/// `AuthSchema` when opened. All permission checks happen above, in `AuthService`.
final class AuthStore: Sendable {
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    init(path: String) throws(AuthError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            pool = try DatabasePool(path: path, configuration: configuration)
            try AuthSchema.migrator.migrate(pool)
        } catch {
            throw .storage("open database \(path): \(error)")
        }
    }

    /// The applied migration identifiers, oldest first.
    func appliedMigrations() async throws(AuthError) -> [String] {
        try await read { db in try AuthSchema.migrator.appliedMigrations(db) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(AuthError) -> T {
        do {
            return try await pool.read(body)
        } catch let error as AuthError {
            throw error
        } catch {
            throw .storage("database read: \(error)")
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(AuthError) -> T {
        do {
            return try await pool.write(body)
        } catch let error as AuthError {
            throw error
        } catch {
            throw .storage("database write: \(error)")
        }
    }

    // MARK: - Tokens

    func insertToken(_ token: StoredToken) async throws(AuthError) {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO token (token, name, perm, secret, extra, createTime, is_deleted)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    """,
                arguments: [
                    token.token, token.name, token.perm, token.secret, token.extra,
                    token.createTime.timeIntervalSince1970,
                ])
        }
    }

    /// The token row, deleted or not.
    func token(_ text: String) async throws(AuthError) -> StoredToken? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM token WHERE token = ?", arguments: [text]).map(StoredToken.init)
        }
    }

    func liveTokens(name: String) async throws(AuthError) -> [StoredToken] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM token WHERE name = ? AND is_deleted = 0 ORDER BY createTime", arguments: [name]
            ).map(StoredToken.init)
        }
    }

    func liveTokens(skip: Int64, limit: Int64) async throws(AuthError) -> [StoredToken] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM token WHERE is_deleted = 0 ORDER BY name, createTime LIMIT ? OFFSET ?",
                arguments: [limit, skip]
            ).map(StoredToken.init)
        }
    }

    /// How many users and tokens are live (not soft-deleted), for the service's gauges.
    func liveCounts() async throws(AuthError) -> (users: Int, tokens: Int) {
        try await read { db in
            let users = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users WHERE is_deleted = 0") ?? 0
            let tokens = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM token WHERE is_deleted = 0") ?? 0
            return (users, tokens)
        }
    }

    /// Sets the token's deleted flag; false if no token matched in the other state.
    func setTokenDeleted(_ text: String, deleted: Bool) async throws(AuthError) -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE token SET is_deleted = ? WHERE token = ? AND is_deleted = ?",
                arguments: [deleted ? 1 : 0, text, deleted ? 0 : 1])
            return db.changesCount > 0
        }
    }

    // MARK: - Users

    /// The user named `name`; deleted ones only when `includeDeleted`.
    func user(named name: String, includeDeleted: Bool = false) async throws(AuthError) -> StoredUser? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM users WHERE name = ?" + (includeDeleted ? "" : " AND is_deleted = 0"),
                arguments: [name]
            ).map { try StoredUser(row: $0) }
        }
    }

    func insertUser(_ user: StoredUser) async throws(AuthError) {
        try await write { db in
            if try Row.fetchOne(db, sql: "SELECT is_deleted FROM users WHERE name = ?", arguments: [user.name]) != nil {
                throw AuthError.conflict("user \(user.name) already exists (recover it if it was deleted)")
            }
            try db.execute(
                sql: """
                    INSERT INTO users (id, name, comment, state, createTime, updateTime, is_deleted)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    """,
                arguments: [
                    user.id, user.name, user.comment, user.state.rawValue, user.createTime.timeIntervalSince1970,
                    user.updateTime.timeIntervalSince1970,
                ])
        }
    }

    func updateUser(name: String, comment: String?, state: SophonUserState?, now: Date) async throws(AuthError) {
        let changed = try await write { db in
            try db.execute(
                sql: """
                    UPDATE users SET comment = COALESCE(?, comment), state = COALESCE(?, state), updateTime = ?
                    WHERE name = ? AND is_deleted = 0
                    """,
                arguments: [comment, state?.rawValue, now.timeIntervalSince1970, name])
            return db.changesCount
        }
        guard changed > 0 else { throw .notFound("user \(name) not found") }
    }

    func listUsers(skip: Int64, limit: Int64, state: SophonUserState?) async throws(AuthError) -> [StoredUser] {
        try await read { db in
            let rows =
                if let state {
                    try Row.fetchAll(
                        db,
                        sql: "SELECT * FROM users WHERE is_deleted = 0 AND state = ? ORDER BY createTime LIMIT ? OFFSET ?",
                        arguments: [state.rawValue, limit, skip])
                } else {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM users WHERE is_deleted = 0 ORDER BY createTime LIMIT ? OFFSET ?",
                        arguments: [limit, skip])
                }
            return try rows.map { try StoredUser(row: $0) }
        }
    }

    /// Soft-deletes the user and, in the same transaction, removes its miners and signers.
    func deleteUser(name: String, now: Date) async throws(AuthError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE users SET is_deleted = 1, updateTime = ? WHERE name = ? AND is_deleted = 0",
                arguments: [now.timeIntervalSince1970, name])
            guard db.changesCount > 0 else { throw AuthError.notFound("user \(name) not found") }
            try db.execute(sql: "DELETE FROM miners WHERE user = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM signers WHERE user = ?", arguments: [name])
        }
    }

    func recoverUser(name: String, now: Date) async throws(AuthError) {
        let changed = try await write { db in
            try db.execute(
                sql: "UPDATE users SET is_deleted = 0, updateTime = ? WHERE name = ? AND is_deleted = 1",
                arguments: [now.timeIntervalSince1970, name])
            return db.changesCount
        }
        guard changed > 0 else { throw .notFound("deleted user \(name) not found") }
    }

    // MARK: - Rate limits

    func rateLimits(name: String, id: String?) async throws(AuthError) -> [SophonRateLimit] {
        try await read { db in
            var sql = "SELECT * FROM user_rate_limits WHERE name = ?"
            var arguments: StatementArguments = [name]
            if let id {
                sql += " AND id = ?"
                arguments += [id]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map { row in
                SophonRateLimit(
                    id: row["id"], name: row["name"], service: row["service"], api: row["api"], cap: row["cap"],
                    resetDurationNanoseconds: row["reset_dur"])
            }
        }
    }

    func upsertRateLimit(_ limit: SophonRateLimit) async throws(AuthError) {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO user_rate_limits (id, name, service, api, cap, reset_dur) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, service = excluded.service,
                        api = excluded.api, cap = excluded.cap, reset_dur = excluded.reset_dur
                    """,
                arguments: [
                    limit.id, limit.name, limit.service, limit.api, limit.cap, limit.resetDurationNanoseconds,
                ])
        }
    }

    func deleteRateLimit(name: String, id: String) async throws(AuthError) -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM user_rate_limits WHERE id = ? AND name = ?", arguments: [id, name])
            return db.changesCount > 0
        }
    }

    // MARK: - Miners

    /// Binds `miner` to the live user `user` (moving it if another user had it); true if created.
    func upsertMiner(_ miner: Address, user: String, openMining: Bool, now: Date) async throws(AuthError) -> Bool {
        let key = StoredAddress.key(miner)
        return try await write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ? AND is_deleted = 0", arguments: [user])
                != nil
            else { throw AuthError.notFound("can't bind miner \(miner) to user \(user): no such user") }
            let existed = try Row.fetchOne(db, sql: "SELECT 1 FROM miners WHERE miner = ?", arguments: [key]) != nil
            try db.execute(
                sql: """
                    INSERT INTO miners (miner, user, open_mining, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(miner) DO UPDATE SET user = excluded.user, open_mining = excluded.open_mining,
                        updated_at = excluded.updated_at
                    """,
                arguments: [key, user, openMining, now.timeIntervalSince1970, now.timeIntervalSince1970])
            return !existed
        }
    }

    func hasMiner(_ miner: Address) async throws(AuthError) -> Bool {
        let key = StoredAddress.key(miner)
        return try await read { db in
            try Row.fetchOne(db, sql: "SELECT 1 FROM miners WHERE miner = ?", arguments: [key]) != nil
        }
    }

    func minerExists(_ miner: Address, user: String) async throws(AuthError) -> Bool {
        let key = StoredAddress.key(miner)
        return try await read { db in
            try Row.fetchOne(db, sql: "SELECT 1 FROM miners WHERE miner = ? AND user = ?", arguments: [key, user]) != nil
        }
    }

    func listMiners(user: String) async throws(AuthError) -> [SophonMiner] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM miners WHERE user = ? ORDER BY id", arguments: [user]).map { row in
                SophonMiner(
                    miner: try StoredAddress.address(row["miner"]), user: row["user"], openMining: row["open_mining"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
            }
        }
    }

    func deleteMiner(_ miner: Address) async throws(AuthError) -> Bool {
        let key = StoredAddress.key(miner)
        return try await write { db in
            try db.execute(sql: "DELETE FROM miners WHERE miner = ?", arguments: [key])
            return db.changesCount > 0
        }
    }

    func userByMiner(_ miner: Address) async throws(AuthError) -> StoredUser? {
        let key = StoredAddress.key(miner)
        return try await read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT users.* FROM miners JOIN users ON users.name = miners.user
                    WHERE miners.miner = ? AND users.is_deleted = 0
                    """,
                arguments: [key]
            ).map { try StoredUser(row: $0) }
        }
    }

    // MARK: - Signers

    func registerSigner(_ signer: Address, user: String, now: Date) async throws(AuthError) {
        let key = StoredAddress.key(signer)
        try await write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ? AND is_deleted = 0", arguments: [user])
                != nil
            else { throw AuthError.notFound("can't bind signer \(signer) to user \(user): no such user") }
            try db.execute(
                sql: """
                    INSERT INTO signers (signer, user, created_at, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(user, signer) DO UPDATE SET updated_at = excluded.updated_at
                    """,
                arguments: [key, user, now.timeIntervalSince1970, now.timeIntervalSince1970])
        }
    }

    func unregisterSigner(_ signer: Address, user: String) async throws(AuthError) {
        let key = StoredAddress.key(signer)
        try await write { db in
            try db.execute(sql: "DELETE FROM signers WHERE signer = ? AND user = ?", arguments: [key, user])
        }
    }

    func signerExists(_ signer: Address, user: String?) async throws(AuthError) -> Bool {
        let key = StoredAddress.key(signer)
        return try await read { db in
            if let user {
                try Row.fetchOne(db, sql: "SELECT 1 FROM signers WHERE signer = ? AND user = ?", arguments: [key, user])
                    != nil
            } else {
                try Row.fetchOne(db, sql: "SELECT 1 FROM signers WHERE signer = ?", arguments: [key]) != nil
            }
        }
    }

    func listSigners(user: String) async throws(AuthError) -> [SophonSigner] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM signers WHERE user = ? ORDER BY id", arguments: [user]).map { row in
                SophonSigner(
                    signer: try StoredAddress.address(row["signer"]), user: row["user"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
            }
        }
    }

    func deleteSigner(_ signer: Address) async throws(AuthError) -> Bool {
        let key = StoredAddress.key(signer)
        return try await write { db in
            try db.execute(sql: "DELETE FROM signers WHERE signer = ?", arguments: [key])
            return db.changesCount > 0
        }
    }

    func usersBySigner(_ signer: Address) async throws(AuthError) -> [StoredUser] {
        let key = StoredAddress.key(signer)
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT users.* FROM signers JOIN users ON users.name = signers.user
                    WHERE signers.signer = ? AND users.is_deleted = 0 ORDER BY users.createTime
                    """,
                arguments: [key]
            ).map { try StoredUser(row: $0) }
        }
    }
}
