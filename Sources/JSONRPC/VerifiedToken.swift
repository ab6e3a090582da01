/// The identity and rights a verified token carries.
public struct VerifiedToken: Sendable, Hashable {
    /// Who the token belongs to; rate limits are kept per name. Lotus local tokens are named `LotusLocalToken.name`.
    public var name: String
    /// The permissions granted; checks are cumulative (see `Permission`).
    public var permissions: Set<Permission>
    /// Free-form extra claims (sophon-auth's `ext`), empty when absent.
    public var extra: String

    public init(name: String, permissions: Set<Permission>, extra: String = "") {
        self.name = name
        self.permissions = permissions
        self.extra = extra
    }

    /// Whether the token may call a method needing `permission`.
    public func allows(_ permission: Permission) -> Bool { permission.isSatisfied(by: permissions) }
}
