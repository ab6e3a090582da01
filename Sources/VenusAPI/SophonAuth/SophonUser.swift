/// A user as sophon-auth answers it (upstream's `OutputUser`):
/// `{"id", "name", "comment", "state", "createTime", "updateTime"}`, times in Unix seconds.
public struct SophonUser: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var comment: String
    public var state: SophonUserState
    public var createTime: Int64
    public var updateTime: Int64

    public init(
        id: String, name: String, comment: String, state: SophonUserState, createTime: Int64, updateTime: Int64
    ) {
        self.id = id
        self.name = name
        self.comment = comment
        self.state = state
        self.createTime = createTime
        self.updateTime = updateTime
    }
}
