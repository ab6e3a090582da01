import Foundation
import GRDB
import VenusAPI

/// A `users` row.
struct StoredUser: Sendable, Hashable {
    var id: String
    var name: String
    var comment: String
    var state: SophonUserState
    var createTime: Date
    var updateTime: Date
    var isDeleted: Bool

    init(row: Row) throws(AuthError) {
        guard let stateRaw = row["state"] as Int?, let state = SophonUserState(rawValue: stateRaw) else {
            throw .storage("user row has an unknown state")
        }
        id = row["id"]
        name = row["name"]
        comment = row["comment"]
        self.state = state
        createTime = Date(timeIntervalSince1970: row["createTime"])
        updateTime = Date(timeIntervalSince1970: row["updateTime"])
        isDeleted = (row["is_deleted"] as Int) != 0
    }

    init(id: String, name: String, comment: String, state: SophonUserState, now: Date) {
        self.id = id
        self.name = name
        self.comment = comment
        self.state = state
        createTime = now
        updateTime = now
        isDeleted = false
    }

    var output: SophonUser {
        SophonUser(
            id: id, name: name, comment: comment, state: state,
            createTime: Int64(createTime.timeIntervalSince1970.rounded(.down)),
            updateTime: Int64(updateTime.timeIntervalSince1970.rounded(.down)))
    }
}
