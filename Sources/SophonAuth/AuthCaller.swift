import VenusAPI

/// Who is calling a REST endpoint: the verified token's user and permission.
public struct AuthCaller: Sendable, Hashable {
    public var name: String
    public var perm: SophonPermission

    public init(name: String, perm: SophonPermission) {
        self.name = name
        self.perm = perm
    }

    var isAdmin: Bool { perm.allows(.admin) }

    /// Upstream's `permCheck`: the caller's (cumulative) permission includes `needed`.
    func require(_ needed: SophonPermission) throws(AuthError) {
        guard perm.allows(needed) else { throw .forbidden("need \(needed) permission: Permission Deny") }
    }

    /// Upstream's `userPermCheck`: admin, or the user `user` itself.
    func requireAdminOrUser(_ user: String) throws(AuthError) {
        guard isAdmin || name == user else {
            throw .forbidden("need admin permission or to be user \(user): Permission Deny")
        }
    }
}
