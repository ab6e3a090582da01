import Foundation
import GRDB

/// A `token` row: the JWT text, whose payload it signs, and the token's own secret.
struct StoredToken: Sendable, Hashable {
    var token: String
    var name: String
    var perm: String
    /// Hex of the token's random 32-byte HS256 secret.
    var secret: String
    var extra: String
    var createTime: Date
    var isDeleted: Bool

    init(row: Row) {
        token = row["token"]
        name = row["name"]
        perm = row["perm"]
        secret = row["secret"]
        extra = row["extra"]
        createTime = Date(timeIntervalSince1970: row["createTime"])
        isDeleted = (row["is_deleted"] as Int) != 0
    }

    init(token: String, name: String, perm: String, secret: String, extra: String, createTime: Date) {
        self.token = token
        self.name = name
        self.perm = perm
        self.secret = secret
        self.extra = extra
        self.createTime = createTime
        isDeleted = false
    }
}
