import CSQLite
import DagCBOR
import Synchronization

/// A persistent block store in one SQLite file (the system's libsqlite3), in WAL mode: readers
/// do not block the writer, and a crash loses at most the last uncommitted batch.
///
/// One connection with prepared statements, serialised by a mutex (SQLite connections must not
/// be used from two threads at once). `putMany` writes a batch in one transaction, which is how
/// HAMT/AMT flushes and CAR imports reach the disk.
public final class SQLiteBlockstore: Blockstore {
    private struct Connection {
        var database: OpaquePointer
        var get: OpaquePointer
        var put: OpaquePointer
        var has: OpaquePointer
    }

    private let connection: Mutex<Connection>
    public let path: String

    /// Opens (creating if needed) the store at `path`.
    public init(path: String) throws(BlockstoreError) {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let database = handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw .backend("sqlite open \(path): \(message)")
        }
        do {
            // WAL + NORMAL sync: durable at checkpoints, fast commits; blocks are immutable so a
            // rowid-less table keyed by CID bytes is the whole schema.
            for statement in [
                "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-65536",
                "CREATE TABLE IF NOT EXISTS blocks (cid BLOB PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID",
            ] {
                try Self.execute(database, statement)
            }
            let get = try Self.prepare(database, "SELECT data FROM blocks WHERE cid = ?1")
            let put = try Self.prepare(database, "INSERT OR IGNORE INTO blocks (cid, data) VALUES (?1, ?2)")
            let has = try Self.prepare(database, "SELECT 1 FROM blocks WHERE cid = ?1")
            connection = Mutex(Connection(database: database, get: get, put: put, has: has))
        } catch {
            // Statements already prepared are finalized by close_v2 once the handle is released.
            sqlite3_close_v2(database)
            throw error
        }
    }

    deinit {
        connection.withLock { connection in
            sqlite3_finalize(connection.get)
            sqlite3_finalize(connection.put)
            sqlite3_finalize(connection.has)
            sqlite3_close_v2(connection.database)
        }
    }

    public func get(_ cid: CID) throws(BlockstoreError) -> [UInt8]? {
        try connection.withLock { connection throws(BlockstoreError) -> [UInt8]? in
            let statement = connection.get
            defer { sqlite3_reset(statement) }
            try Self.bind(statement, 1, cid.bytes, connection.database)
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                let count = Int(sqlite3_column_bytes(statement, 0))
                guard count > 0, let blob = sqlite3_column_blob(statement, 0) else { return [] }
                return Array(UnsafeRawBufferPointer(start: blob, count: count))
            case SQLITE_DONE:
                return nil
            default:
                throw Self.failure("get", connection.database)
            }
        }
    }

    public func has(_ cid: CID) throws(BlockstoreError) -> Bool {
        try connection.withLock { connection throws(BlockstoreError) -> Bool in
            let statement = connection.has
            defer { sqlite3_reset(statement) }
            try Self.bind(statement, 1, cid.bytes, connection.database)
            switch sqlite3_step(statement) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default: throw Self.failure("has", connection.database)
            }
        }
    }

    public func put(_ cid: CID, _ data: [UInt8]) throws(BlockstoreError) {
        try connection.withLock { connection throws(BlockstoreError) in
            try Self.insert(cid, data, connection)
        }
    }

    public func putMany(_ blocks: [(cid: CID, data: [UInt8])]) throws(BlockstoreError) {
        try connection.withLock { connection throws(BlockstoreError) in
            try Self.execute(connection.database, "BEGIN")
            do throws(BlockstoreError) {
                for block in blocks { try Self.insert(block.cid, block.data, connection) }
                try Self.execute(connection.database, "COMMIT")
            } catch {
                try? Self.execute(connection.database, "ROLLBACK")
                throw error
            }
        }
    }

    // MARK: SQLite helpers

    private static func insert(_ cid: CID, _ data: [UInt8], _ connection: Connection) throws(BlockstoreError) {
        let statement = connection.put
        defer { sqlite3_reset(statement) }
        try bind(statement, 1, cid.bytes, connection.database)
        try bind(statement, 2, data, connection.database)
        guard sqlite3_step(statement) == SQLITE_DONE else { throw failure("put", connection.database) }
    }

    private static func bind(_ statement: OpaquePointer, _ index: Int32, _ bytes: [UInt8], _ database: OpaquePointer) throws(BlockstoreError) {
        // SQLITE_TRANSIENT: SQLite copies the bytes before the buffer goes away.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let result = bytes.withUnsafeBytes { buffer in
            sqlite3_bind_blob(statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), transient)
        }
        guard result == SQLITE_OK else { throw failure("bind", database) }
    }

    private static func execute(_ database: OpaquePointer, _ sql: String) throws(BlockstoreError) {
        guard sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql, database) }
    }

    private static func prepare(_ database: OpaquePointer, _ sql: String) throws(BlockstoreError) -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
            let statement
        else { throw failure("prepare \(sql)", database) }
        return statement
    }

    private static func failure(_ operation: String, _ database: OpaquePointer) -> BlockstoreError {
        .backend("sqlite \(operation): \(String(cString: sqlite3_errmsg(database)))")
    }
}
