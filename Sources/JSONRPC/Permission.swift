/// Lotus's four permissions, ordered: read < write < sign < admin.
///
/// Permissions are cumulative: a token holding `admin` may call every method, one holding
/// `sign` may call read, write and sign methods. Tokens list them as Lotus does: `{"Allow": ["read","write"]}`.
public enum Permission: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case read
    case write
    case sign
    case admin

    private var rank: Int {
        switch self {
        case .read: return 0
        case .write: return 1
        case .sign: return 2
        case .admin: return 3
        }
    }

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rank < rhs.rank }

    /// This permission and every lower one, the list Lotus puts in a token created with `--perm`.
    public var withImplied: [Permission] { Permission.allCases.filter { $0 <= self } }

    /// Whether a caller holding `granted` may invoke a method needing `self`.
    public func isSatisfied(by granted: Set<Permission>) -> Bool {
        granted.contains { $0 >= self }
    }
}
