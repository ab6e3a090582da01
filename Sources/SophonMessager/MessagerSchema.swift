import DagCBOR
import GRDB

/// sophon-messager's database schema, stated once, as GRDB migrations applied in order. Names
/// follow upstream's tables; columns past upstream's serve the self-rescue work.
///
/// - `messages`: one row per message the messager accepted, keyed by its id (a UUID, or the
///   caller's for `PushMessageWithId`). The Lotus message fields; its unsigned and signed CIDs
///   (text) and signature once filled; the receipt, inclusion height and tipset key once on chain;
///   the send spec (`meta_*`); wallet name and user; `state` (`MessageState`'s numbers);
///   `error_msg`; times (seconds since 1970). Ours: `priority` (1 for WindowPoSt, selected first),
///   `filled_epoch` (the head height it was last signed at; a stuck message is counted from it),
///   `replace_count`.
/// - `message_events`: every decision about a message, with its reason and the head height it was
///   taken at (`msg list` and `msg events` show them).
/// - `addresses`: each sending address: the next nonce the messager gives, weight, select count,
///   state (`MessagerAddressState`'s numbers), fee settings (its `maxFee` is also the budget a
///   stuck message's replacement may not exceed), soft delete.
/// - `shared_params`: one row (id 1), the fee settings every address falls back to.
/// - `nodes`: the nodes messages are pushed to, beside the one the messager follows.
/// - `actor_cfg`: fee settings per actor code and method.
/// - `chain_cursor`: one row, the last tipset whose changes were applied to the messages.
///
/// Add a migration for every change; never edit a shipped one (GRDB checks them by name).
public enum MessagerSchema {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.create(table: "messages") { t in
                t.primaryKey("id", .text)
                t.column("version", .integer).notNull().defaults(to: 0)
                t.column("to_addr", .text).notNull()
                t.column("from_addr", .text).notNull()
                t.column("nonce", .integer).notNull().defaults(to: 0)
                t.column("value", .text).notNull()
                t.column("gas_limit", .integer).notNull().defaults(to: 0)
                t.column("gas_fee_cap", .text).notNull()
                t.column("gas_premium", .text).notNull()
                t.column("method", .integer).notNull().defaults(to: 0)
                t.column("params", .blob).notNull()
                t.column("unsigned_cid", .text).notNull().indexed()
                t.column("signed_cid", .text).indexed()
                t.column("signature_type", .integer)
                t.column("signature_data", .blob)
                t.column("height", .integer).notNull().defaults(to: 0)
                t.column("confidence", .integer).notNull().defaults(to: 0)
                t.column("receipt_exit_code", .integer)
                t.column("receipt_return", .blob)
                t.column("receipt_gas_used", .integer)
                t.column("tipset_key", .text).notNull().defaults(to: "")
                t.column("meta_expire_epoch", .integer).notNull().defaults(to: 0)
                t.column("meta_gas_over_estimation", .double).notNull().defaults(to: 0)
                t.column("meta_max_fee", .text).notNull().defaults(to: "0")
                t.column("meta_gas_over_premium", .double).notNull().defaults(to: 0)
                t.column("wallet_name", .text).notNull().defaults(to: "")
                t.column("from_user", .text).notNull().defaults(to: "")
                t.column("state", .integer).notNull().indexed()
                t.column("error_msg", .text).notNull().defaults(to: "")
                t.column("priority", .integer).notNull().defaults(to: 0)
                t.column("filled_epoch", .integer).notNull().defaults(to: 0)
                t.column("replace_count", .integer).notNull().defaults(to: 0)
                t.column("created_at", .double).notNull()
                t.column("updated_at", .double).notNull()
            }
            try db.create(index: "messages_from_state", on: "messages", columns: ["from_addr", "state"])
            try db.create(index: "messages_from_nonce", on: "messages", columns: ["from_addr", "nonce"])
            try db.create(table: "message_events") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("message_id", .text).notNull().indexed()
                t.column("height", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("created_at", .double).notNull()
            }
            try db.create(table: "addresses") { t in
                t.primaryKey("id", .text)
                t.column("addr", .text).notNull().unique()
                t.column("nonce", .integer).notNull().defaults(to: 0)
                t.column("weight", .integer).notNull().defaults(to: 0)
                t.column("sel_msg_num", .integer).notNull().defaults(to: 0)
                t.column("state", .integer).notNull()
                t.column("gas_over_estimation", .double).notNull().defaults(to: 0)
                t.column("max_fee", .text).notNull().defaults(to: "0")
                t.column("gas_fee_cap", .text).notNull().defaults(to: "0")
                t.column("gas_over_premium", .double).notNull().defaults(to: 0)
                t.column("base_fee", .text).notNull().defaults(to: "0")
                t.column("is_deleted", .integer).notNull().defaults(to: -1)
                t.column("created_at", .double).notNull()
                t.column("updated_at", .double).notNull()
            }
            try db.create(table: "shared_params") { t in
                t.primaryKey("id", .integer)
                t.column("sel_msg_num", .integer).notNull()
                t.column("gas_over_estimation", .double).notNull()
                t.column("max_fee", .text).notNull()
                t.column("gas_fee_cap", .text).notNull()
                t.column("gas_over_premium", .double).notNull()
                t.column("base_fee", .text).notNull()
            }
            try db.create(table: "nodes") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull().unique()
                t.column("url", .text).notNull()
                t.column("token", .text).notNull()
                t.column("type", .integer).notNull()
                t.column("created_at", .double).notNull()
                t.column("updated_at", .double).notNull()
            }
            try db.create(table: "actor_cfg") { t in
                t.primaryKey("id", .text)
                t.column("version", .integer).notNull()
                t.column("code", .text).notNull()
                t.column("method", .integer).notNull()
                t.column("gas_over_estimation", .double).notNull().defaults(to: 0)
                t.column("max_fee", .text).notNull().defaults(to: "0")
                t.column("gas_fee_cap", .text).notNull().defaults(to: "0")
                t.column("gas_over_premium", .double).notNull().defaults(to: 0)
                t.column("base_fee", .text).notNull().defaults(to: "0")
                t.column("created_at", .double).notNull()
                t.column("updated_at", .double).notNull()
                t.uniqueKey(["version", "code", "method"])
            }
            try db.create(table: "chain_cursor") { t in
                t.primaryKey("id", .integer)
                t.column("height", .integer).notNull()
                t.column("tipset_key", .text).notNull()
            }
        }
        return migrator
    }
}
