/// A sophon-auth token permission. Permissions are cumulative: each level includes every lower
/// one (`admin` > `sign` > `write` > `read`), as Lotus's `AdaptOldStrategy` expands them.
public enum SophonPermission: String, Sendable, Hashable, Codable, CaseIterable, Comparable,
    CustomStringConvertible
{
    case read
    case write
    case sign
    case admin

    /// The rank used for comparison: read 0 ... admin 3.
    public var level: Int {
        switch self {
        case .read: 0
        case .write: 1
        case .sign: 2
        case .admin: 3
        }
    }

    /// Every permission this one grants, lowest first (`sign` -> read, write, sign).
    public var granted: [SophonPermission] { SophonPermission.allCases.filter { $0 <= self } }

    /// Whether a caller holding `self` may use something that needs `needed`.
    public func allows(_ needed: SophonPermission) -> Bool { self >= needed }

    public static func < (lhs: SophonPermission, rhs: SophonPermission) -> Bool { lhs.level < rhs.level }

    public var description: String { rawValue }
}
