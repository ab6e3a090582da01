import VenusAPI
import FilecoinTypes
import Foundation
import GRDB

/// Stores sign records in the keystore database's `sign_record` table (upstream's layout) and
/// prunes those older than `keep`.
public struct SignRecorder: Sendable {
    let store: KeyStore
    /// How long a record is kept (upstream default: 7 days).
    public var keep: TimeInterval

    public init(store: KeyStore, keep: TimeInterval = 7 * 24 * 3600) {
        self.store = store
        self.keep = keep
    }

    public func record(_ record: SignRecord) async throws {
        try await store.storage {
            try await store.database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO sign_record (id, created_at, type, signer, err, raw_msg, signature_type, signature_data)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        record.id, record.createdAt, record.type.rawValue, record.signer.description, record.error,
                        Data(record.rawMessage), record.signature.map { Int($0.kind.rawValue) },
                        record.signature.map { Data($0.data) },
                    ])
            }
        }
    }

    /// Deletes records created before `now - keep`. - Returns: how many were deleted.
    @discardableResult
    public func prune(now: Date = Date()) async throws -> Int {
        let cutoff = now.addingTimeInterval(-keep)
        return try await store.storage {
            try await store.database.write { db in
                try db.execute(sql: "DELETE FROM sign_record WHERE created_at < ?", arguments: [cutoff])
                return db.changesCount
            }
        }
    }

    /// The records matching `query`, newest first.
    public func query(_ query: SignRecordQuery) async throws -> [SignRecord] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        var tail = ""
        if let id = query.id, !id.isEmpty {
            conditions.append("id = ?")
            arguments.append(id)
        } else {
            if let signer = query.signer {
                conditions.append("signer = ?")
                arguments.append(signer.description)
            }
            if let after = query.after {
                conditions.append("created_at >= ?")
                arguments.append(after)
            }
            if let before = query.before {
                conditions.append("created_at <= ?")
                arguments.append(before)
            }
            if query.isError { conditions.append("err IS NOT NULL") }
            if let type = query.type {
                conditions.append("type = ?")
                arguments.append(type.rawValue)
            }
            if query.limit > 0 { tail += " LIMIT \(query.limit)" } else if query.skip > 0 { tail += " LIMIT -1" }
            if query.skip > 0 { tail += " OFFSET \(query.skip)" }
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT * FROM sign_record" + whereClause + " ORDER BY created_at DESC" + tail
        let statementArguments = StatementArguments(arguments)
        // Rows are not Sendable: they are read into records inside the (async) read.
        return try await store.storage {
            try await store.database.read { db in
                try Row.fetchAll(db, sql: sql, arguments: statementArguments).compactMap(Self.record(from:))
            }
        }
    }

    private static func record(from row: Row) -> SignRecord? {
        guard let typeName: String = row["type"], let type = MsgType(rawValue: typeName),
            let signerName: String = row["signer"], let signer = try? Address(signerName),
            let id: String = row["id"], let createdAt: Date = row["created_at"]
        else { return nil }
        var signature: Signature? = nil
        if let kindValue: Int = row["signature_type"], let kind = Signature.Kind(rawValue: UInt8(truncatingIfNeeded: kindValue)),
            let data: Data = row["signature_data"]
        {
            signature = Signature(kind: kind, data: Array(data))
        }
        let raw: Data? = row["raw_msg"]
        return SignRecord(
            id: id, type: type, signer: signer, error: row["err"], rawMessage: raw.map { Array($0) } ?? [],
            signature: signature, createdAt: createdAt)
    }
}
