import GRDB

/// The sophon-auth database schema, stated once, as GRDB migrations applied in order.
///
/// Tables (names follow upstream's MySQL schema):
/// - `users`: id (UUID text), unique name, comment, state (0 undefined, 1 enabled, 2 disabled),
///   create/update times, `is_deleted` (soft delete: 0 live, 1 deleted).
/// - `token`: the JWT text (primary key), user name, perm, hex secret (one random secret per token),
///   extra, create time, `is_deleted`.
/// - `miners`: miner address without network prefix (unique), user, open_mining, times.
/// - `signers`: signer address without network prefix, user, times; unique per (user, signer).
/// - `user_rate_limits`: id, user name, service, api, cap, reset duration in nanoseconds.
///
/// Add a migration for every change; never edit a shipped one (GRDB checks them by name).
public enum AuthSchema {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.create(table: "users") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull().unique()
                table.column("comment", .text).notNull().defaults(to: "")
                table.column("state", .integer).notNull().defaults(to: 0)
                table.column("createTime", .double).notNull()
                table.column("updateTime", .double).notNull()
                table.column("is_deleted", .integer).notNull().defaults(to: 0).indexed()
            }
            try db.create(table: "token") { table in
                table.primaryKey("token", .text)
                table.column("name", .text).notNull().indexed()
                table.column("perm", .text).notNull()
                table.column("secret", .text).notNull()
                table.column("extra", .text).notNull().defaults(to: "")
                table.column("createTime", .double).notNull()
                table.column("is_deleted", .integer).notNull().defaults(to: 0).indexed()
            }
            try db.create(table: "miners") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("miner", .text).notNull().unique()
                table.column("user", .text).notNull().indexed()
                table.column("open_mining", .boolean).notNull().defaults(to: true)
                table.column("created_at", .double).notNull()
                table.column("updated_at", .double).notNull()
            }
            try db.create(table: "signers") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("signer", .text).notNull().indexed()
                table.column("user", .text).notNull()
                table.column("created_at", .double).notNull()
                table.column("updated_at", .double).notNull()
                table.uniqueKey(["user", "signer"])
            }
            try db.create(table: "user_rate_limits") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull().indexed()
                table.column("service", .text).notNull().defaults(to: "")
                table.column("api", .text).notNull().defaults(to: "")
                table.column("cap", .integer).notNull()
                table.column("reset_dur", .integer).notNull()
            }
        }
        return migrator
    }
}
