import BigInt
import DagCBOR
import FilecoinTypes
import Foundation
import GRDB
import VenusAPI

/// `MessagerStore` on SQLite in WAL mode (a GRDB `DatabasePool`), migrated to `MessagerSchema`
/// when opened. GRDB runs each read and write on its own dispatch queues, never on the caller's
/// executor, so the fsync of a commit does not block the cooperative pool.
public final class SQLiteMessagerStore: MessagerStore {
    let pool: DatabasePool

    public init(path: String) throws {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            pool = try DatabasePool(path: path, configuration: configuration)
            try MessagerSchema.migrator.migrate(pool)
        } catch {
            throw MessagerError.storage("open database \(path): \(error)")
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch let error as MessagerError { throw error } catch {
            throw MessagerError.storage("read: \(error)")
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.write(body) } catch let error as MessagerError { throw error } catch {
            throw MessagerError.storage("write: \(error)")
        }
    }

    // MARK: Messages

    public func insert(_ message: MessagerMessage, priority: Int) async throws {
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM messages WHERE id = ?", arguments: [message.id]) == true {
                throw MessagerError.duplicateID(message.id)
            }
            var columns = MessageRow.columns(of: message)
            columns["priority"] = priority
            try MessageRow.insert(columns, into: db)
        }
    }

    public func message(id: String) async throws -> MessagerMessage? {
        try await one("SELECT * FROM messages WHERE id = ?", [id])
    }

    public func message(signedCid: CID) async throws -> MessagerMessage? {
        try await one("SELECT * FROM messages WHERE signed_cid = ? ORDER BY updated_at DESC LIMIT 1", [signedCid.description])
    }

    public func message(unsignedCid: CID) async throws -> MessagerMessage? {
        try await one("SELECT * FROM messages WHERE unsigned_cid = ? ORDER BY updated_at DESC LIMIT 1", [unsignedCid.description])
    }

    public func message(from: Address, nonce: UInt64) async throws -> MessagerMessage? {
        try await one(
            """
            SELECT * FROM messages WHERE from_addr = ? AND nonce = ? AND state IN (?, ?, ?, ?)
            ORDER BY (state = ?) DESC, updated_at DESC LIMIT 1
            """,
            [
                from.description, Int64(bitPattern: nonce), MessageState.fillMsg.rawValue, MessageState.onChainMsg.rawValue,
                MessageState.nonceConflictMsg.rawValue, MessageState.failedMsg.rawValue, MessageState.onChainMsg.rawValue,
            ])
    }

    public func messages(matching query: MsgQueryParams, senders: Set<Address>?) async throws -> [MessagerMessage] {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if !query.state.isEmpty {
            clauses.append("state IN (" + query.state.map { _ in "?" }.joined(separator: ",") + ")")
            arguments += query.state.map(\.rawValue)
        }
        var from = query.from.map(\.description)
        if let senders {
            let allowed = Set(senders.map(\.description))
            from = from.isEmpty ? Array(allowed) : from.filter(allowed.contains)
            if from.isEmpty { return [] }
        }
        if !from.isEmpty {
            clauses.append("from_addr IN (" + from.map { _ in "?" }.joined(separator: ",") + ")")
            arguments += from
        }
        if let since = query.byUpdateAt {
            clauses.append("updated_at >= ?")
            arguments.append(since.timeIntervalSince1970)
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let order = query.asc ? "ASC" : "DESC"
        let limit = query.limit == 0 ? -1 : Int64(query.limit)
        let sql = "SELECT * FROM messages \(filter) ORDER BY created_at \(order) LIMIT ? OFFSET ?"
        arguments += [limit, Int64(query.offset)]
        return try await all(sql, StatementArguments(arguments))
    }

    public func messages(from: Address, state: MessageState, ascending: Bool, offset: Int, limit: Int) async throws
        -> [MessagerMessage]
    {
        try await all(
            "SELECT * FROM messages WHERE from_addr = ? AND state = ? ORDER BY created_at \(ascending ? "ASC" : "DESC") LIMIT ? OFFSET ?",
            [from.description, state.rawValue, limit <= 0 ? -1 : limit, max(0, offset)])
    }

    public func unfilled(from: Address, limit: Int) async throws -> [MessagerMessage] {
        try await all(
            "SELECT * FROM messages WHERE from_addr = ? AND state = ? ORDER BY priority DESC, created_at ASC, rowid ASC LIMIT ?",
            [from.description, MessageState.unFillMsg.rawValue, limit])
    }

    public func messages(in state: MessageState) async throws -> [MessagerMessage] {
        try await all("SELECT * FROM messages WHERE state = ? ORDER BY from_addr, nonce", [state.rawValue])
    }

    public func inFlightCount(from: Address) async throws -> Int {
        try await read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM messages WHERE from_addr = ? AND state = ?",
                arguments: [from.description, MessageState.fillMsg.rawValue]) ?? 0
        }
    }

    public func filledEpochs(ids: [String]) async throws -> [String: Int64] {
        guard !ids.isEmpty else { return [:] }
        return try await read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, filled_epoch FROM messages WHERE id IN (" + ids.map { _ in "?" }.joined(separator: ",") + ")",
                arguments: StatementArguments(ids))
            return Dictionary(rows.map { ($0["id"] as String, $0["filled_epoch"] as Int64) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public func fill(_ messages: [MessagerMessage], address: MessagerAddress, epoch: Int64) async throws {
        try await write { db in
            for message in messages {
                var columns = MessageRow.columns(of: message)
                if message.state == .fillMsg { columns["filled_epoch"] = epoch }
                try MessageRow.update(columns, in: db)
            }
            try AddressRow.upsert(address, in: db)
        }
    }

    public func update(_ message: MessagerMessage) async throws {
        try await write { db in try MessageRow.update(MessageRow.columns(of: message), in: db) }
    }

    public func replace(_ message: MessagerMessage, epoch: Int64) async throws {
        try await write { db in
            var columns = MessageRow.columns(of: message)
            columns["filled_epoch"] = epoch
            try MessageRow.update(columns, in: db)
            try db.execute(sql: "UPDATE messages SET replace_count = replace_count + 1 WHERE id = ?", arguments: [message.id])
        }
    }

    public func revert(tipSet: TipSetKey) async throws -> [MessagerMessage] {
        let key = MessageRow.text(of: tipSet)
        return try await write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM messages WHERE tipset_key = ? AND state = ?",
                arguments: [key, MessageState.onChainMsg.rawValue])
            var reverted: [MessagerMessage] = []
            for row in rows {
                var message = try MessageRow.message(from: row)
                message.state = .fillMsg
                message.height = 0
                message.confidence = 0
                message.receipt = nil
                message.tipSetKey = .empty
                message.updatedAt = Date()
                try MessageRow.update(MessageRow.columns(of: message), in: db)
                reverted.append(message)
            }
            return reverted
        }
    }

    public func record(event kind: String, messageID: String, height: Int64, reason: String) async throws {
        try await write { db in
            try db.execute(
                sql: "INSERT INTO message_events (message_id, height, kind, reason, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [messageID, height, kind, reason, Date().timeIntervalSince1970])
        }
    }

    public func events(messageID: String) async throws -> [MessageEvent] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM message_events WHERE message_id = ? ORDER BY seq", arguments: [messageID])
                .map {
                    MessageEvent(
                        messageID: $0["message_id"], height: $0["height"], kind: $0["kind"], reason: $0["reason"],
                        createdAt: Date(timeIntervalSince1970: $0["created_at"]))
                }
        }
    }

    private func one(_ sql: String, _ arguments: StatementArguments) async throws -> MessagerMessage? {
        try await read { db in try Row.fetchOne(db, sql: sql, arguments: arguments).map(MessageRow.message(from:)) }
    }

    private func all(_ sql: String, _ arguments: StatementArguments) async throws -> [MessagerMessage] {
        try await read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(MessageRow.message(from:)) }
    }

    // MARK: Addresses

    public func address(_ address: Address) async throws -> MessagerAddress? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM addresses WHERE addr = ?", arguments: [address.description])
                .map(AddressRow.address(from:))
        }
    }

    public func addresses() async throws -> [MessagerAddress] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM addresses ORDER BY created_at").map(AddressRow.address(from:))
        }
    }

    public func save(_ address: MessagerAddress) async throws {
        try await write { db in try AddressRow.upsert(address, in: db) }
    }

    // MARK: Shared parameters, nodes, actor configs

    public func sharedSpec() async throws -> SharedSpec? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM shared_params WHERE id = 1").map { row in
                SharedSpec(
                    id: 1, selMsgNum: UInt64(max(0, row["sel_msg_num"] as Int64)), feeSpec: try FeeRow.spec(from: row))
            }
        }
    }

    public func save(_ spec: SharedSpec) async throws {
        try await write { db in
            var columns = FeeRow.columns(of: spec.feeSpec)
            columns["id"] = 1
            columns["sel_msg_num"] = Int64(clamping: spec.selMsgNum)
            try db.execute(
                sql: "INSERT OR REPLACE INTO shared_params (\(columns.keys.joined(separator: ","))) VALUES (\(columns.keys.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(Array(columns.values)))
        }
    }

    public func nodes() async throws -> [MessagerNode] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM nodes ORDER BY created_at").map(Self.node(from:)) }
    }

    public func node(name: String) async throws -> MessagerNode? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM nodes WHERE name = ?", arguments: [name]).map(Self.node(from:)) }
    }

    public func save(_ node: MessagerNode) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO nodes (id, name, url, token, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET url = excluded.url, token = excluded.token, type = excluded.type,
                    updated_at = excluded.updated_at
                    """,
                arguments: [
                    node.id.description, node.name, node.url, node.token, node.type.rawValue,
                    node.createdAt.timeIntervalSince1970, node.updatedAt.timeIntervalSince1970,
                ])
        }
    }

    public func deleteNode(name: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM nodes WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    static func node(from row: Row) throws -> MessagerNode {
        guard let id = GatewayUUID(string: row["id"]) else { throw MessagerError.storage("node id \(row["id"] as String) is no UUID") }
        return MessagerNode(
            id: id, name: row["name"], url: row["url"], token: row["token"], type: MessagerNodeType(rawValue: row["type"]),
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    public func actorConfigs() async throws -> [ActorCfg] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM actor_cfg ORDER BY created_at").map(Self.actorConfig(from:)) }
    }

    public func actorConfig(id: GatewayUUID) async throws -> ActorCfg? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM actor_cfg WHERE id = ?", arguments: [id.description]).map(Self.actorConfig(from:))
        }
    }

    public func save(_ config: ActorCfg) async throws {
        try await write { db in
            var columns = FeeRow.columns(of: config.feeSpec)
            columns["id"] = config.id.description
            columns["version"] = config.actorVersion
            columns["code"] = config.methodType.code.description
            columns["method"] = Int64(bitPattern: config.methodType.method)
            columns["created_at"] = config.createdAt.timeIntervalSince1970
            columns["updated_at"] = config.updatedAt.timeIntervalSince1970
            try db.execute(
                sql: "INSERT OR REPLACE INTO actor_cfg (\(columns.keys.joined(separator: ","))) VALUES (\(columns.keys.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(Array(columns.values)))
        }
    }

    static func actorConfig(from row: Row) throws -> ActorCfg {
        guard let id = GatewayUUID(string: row["id"]) else { throw MessagerError.storage("actor config id is no UUID") }
        return ActorCfg(
            id: id, actorVersion: row["version"],
            methodType: MessagerMethodType(code: try CID(string: row["code"]), method: UInt64(bitPattern: row["method"])),
            feeSpec: try FeeRow.spec(from: row), createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    // MARK: Chain cursor

    public func cursor() async throws -> (height: Int64, tipSet: TipSetKey)? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM chain_cursor WHERE id = 1") else { return nil }
            return (row["height"], try MessageRow.tipSetKey(from: row["tipset_key"]))
        }
    }

    public func setCursor(height: Int64, tipSet: TipSetKey) async throws {
        try await write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO chain_cursor (id, height, tipset_key) VALUES (1, ?, ?)",
                arguments: [height, MessageRow.text(of: tipSet)])
        }
    }
}

/// The fee settings' columns, shared by `addresses`, `shared_params` and `actor_cfg`.
enum FeeRow {
    static func columns(of spec: FeeSpec) -> [String: any DatabaseValueConvertible] {
        [
            "gas_over_estimation": spec.gasOverEstimation, "max_fee": spec.maxFee.attoFIL.description,
            "gas_fee_cap": spec.gasFeeCap.attoFIL.description, "gas_over_premium": spec.gasOverPremium,
            "base_fee": spec.baseFee.attoFIL.description,
        ]
    }

    static func spec(from row: Row) throws -> FeeSpec {
        FeeSpec(
            gasOverEstimation: row["gas_over_estimation"], maxFee: try amount(row["max_fee"]),
            gasFeeCap: try amount(row["gas_fee_cap"]), gasOverPremium: row["gas_over_premium"],
            baseFee: try amount(row["base_fee"]))
    }

    static func amount(_ text: String) throws -> TokenAmount {
        guard let value = BigInt(text, radix: 10) else { throw MessagerError.storage("amount \(text) is no integer") }
        return TokenAmount(attoFIL: value)
    }
}

/// `addresses` rows.
enum AddressRow {
    static func upsert(_ address: MessagerAddress, in db: Database) throws {
        var columns = FeeRow.columns(of: address.feeSpec)
        columns["id"] = address.id.description
        columns["addr"] = address.addr.description
        columns["nonce"] = Int64(bitPattern: address.nonce)
        columns["weight"] = address.weight
        columns["sel_msg_num"] = Int64(clamping: address.selMsgNum)
        columns["state"] = address.state.rawValue
        columns["is_deleted"] = address.isDeleted
        columns["created_at"] = address.createdAt.timeIntervalSince1970
        columns["updated_at"] = address.updatedAt.timeIntervalSince1970
        let names = Array(columns.keys)
        try db.execute(
            sql: """
                INSERT INTO addresses (\(names.joined(separator: ","))) VALUES (\(names.map { _ in "?" }.joined(separator: ",")))
                ON CONFLICT(addr) DO UPDATE SET \(names.filter { $0 != "id" && $0 != "addr" && $0 != "created_at" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                """,
            arguments: StatementArguments(names.map { columns[$0] }))
    }

    static func address(from row: Row) throws -> MessagerAddress {
        guard let id = GatewayUUID(string: row["id"]) else { throw MessagerError.storage("address id is no UUID") }
        return MessagerAddress(
            id: id, addr: try Address(row["addr"] as String), nonce: UInt64(bitPattern: row["nonce"]), weight: row["weight"],
            state: MessagerAddressState(rawValue: row["state"]), selMsgNum: UInt64(max(0, row["sel_msg_num"] as Int64)),
            feeSpec: try FeeRow.spec(from: row), isDeleted: row["is_deleted"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }
}

/// `messages` rows: every column of a `MessagerMessage`, in the schema's text forms.
enum MessageRow {
    static func columns(of m: MessagerMessage) -> [String: (any DatabaseValueConvertible)?] {
        let message = m.message
        return [
            "id": m.id, "version": Int64(bitPattern: message.version), "to_addr": message.to.description,
            "from_addr": message.from.description, "nonce": Int64(bitPattern: message.nonce),
            "value": message.value.attoFIL.description, "gas_limit": message.gasLimit,
            "gas_fee_cap": message.gasFeeCap.attoFIL.description, "gas_premium": message.gasPremium.attoFIL.description,
            "method": Int64(bitPattern: message.method), "params": Data(message.params),
            "unsigned_cid": (m.unsignedCid ?? message.cid).description, "signed_cid": m.signedCid?.description,
            "signature_type": m.signature.map { Int($0.kind.rawValue) }, "signature_data": m.signature.map { Data($0.data) },
            "height": m.height, "confidence": m.confidence, "receipt_exit_code": m.receipt?.exitCode,
            "receipt_return": m.receipt.map { Data($0.returnData) }, "receipt_gas_used": m.receipt?.gasUsed,
            "tipset_key": text(of: m.tipSetKey), "meta_expire_epoch": m.meta?.expireEpoch ?? 0,
            "meta_gas_over_estimation": m.meta?.gasOverEstimation ?? 0, "meta_max_fee": (m.meta?.maxFee ?? .zero).attoFIL.description,
            "meta_gas_over_premium": m.meta?.gasOverPremium ?? 0, "wallet_name": m.walletName, "state": m.state.rawValue,
            "error_msg": m.errorMsg, "created_at": m.createdAt.timeIntervalSince1970,
            "updated_at": m.updatedAt.timeIntervalSince1970,
        ]
    }

    static func insert(_ columns: [String: (any DatabaseValueConvertible)?], into db: Database) throws {
        let names = Array(columns.keys)
        try db.execute(
            sql: "INSERT INTO messages (\(names.joined(separator: ","))) VALUES (\(names.map { _ in "?" }.joined(separator: ",")))",
            arguments: StatementArguments(names.map { columns[$0] ?? nil }))
    }

    static func update(_ columns: [String: (any DatabaseValueConvertible)?], in db: Database) throws {
        let names = columns.keys.filter { $0 != "id" && $0 != "created_at" }
        guard let id = columns["id"] ?? nil else { return }
        try db.execute(
            sql: "UPDATE messages SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
            arguments: StatementArguments(names.map { columns[$0] ?? nil } + [id]))
    }

    static func message(from row: Row) throws -> MessagerMessage {
        let message = Message(
            version: UInt64(bitPattern: row["version"]), to: try Address(row["to_addr"] as String),
            from: try Address(row["from_addr"] as String), nonce: UInt64(bitPattern: row["nonce"]),
            value: try FeeRow.amount(row["value"]), gasLimit: row["gas_limit"], gasFeeCap: try FeeRow.amount(row["gas_fee_cap"]),
            gasPremium: try FeeRow.amount(row["gas_premium"]), method: UInt64(bitPattern: row["method"]),
            params: [UInt8](row["params"] as Data))
        var signature: Signature?
        if let type = row["signature_type"] as Int?, let data = row["signature_data"] as Data? {
            guard let kind = Signature.Kind(rawValue: UInt8(clamping: type)) else {
                throw MessagerError.storage("signature type \(type)")
            }
            signature = Signature(kind: kind, data: [UInt8](data))
        }
        var receipt: MessageReceipt?
        if let exitCode = row["receipt_exit_code"] as Int64? {
            receipt = MessageReceipt(
                exitCode: exitCode, returnData: [UInt8]((row["receipt_return"] as Data?) ?? Data()),
                gasUsed: (row["receipt_gas_used"] as Int64?) ?? 0)
        }
        let state = MessageState(rawValue: row["state"])
        return MessagerMessage(
            id: row["id"], unsignedCid: state == .unFillMsg ? nil : try CID(string: row["unsigned_cid"]),
            signedCid: try (row["signed_cid"] as String?).map { try CID(string: $0) }, message: message,
            signature: signature, height: row["height"], confidence: row["confidence"], receipt: receipt,
            tipSetKey: try tipSetKey(from: row["tipset_key"]),
            meta: SendSpec(
                expireEpoch: row["meta_expire_epoch"], gasOverEstimation: row["meta_gas_over_estimation"],
                maxFee: try FeeRow.amount(row["meta_max_fee"]), gasOverPremium: row["meta_gas_over_premium"]),
            walletName: row["wallet_name"], state: state, errorMsg: row["error_msg"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    static func text(of key: TipSetKey) -> String { key.cids.map(\.description).joined(separator: ",") }

    static func tipSetKey(from text: String) throws -> TipSetKey {
        text.isEmpty ? .empty : TipSetKey(try text.split(separator: ",").map { try CID(string: String($0)) })
    }
}
