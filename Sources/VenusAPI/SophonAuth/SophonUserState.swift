/// A sophon-auth user's state, numbered as upstream's `core.UserState`.
///
/// `undefined` (0) is what a user created without a state has (upstream's default admin user);
/// only `disabled` stops the user's tokens from verifying.
public enum SophonUserState: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case undefined = 0
    case enabled = 1
    case disabled = 2

    public var description: String {
        switch self {
        case .undefined: "unknown state"
        case .enabled: "enabled"
        case .disabled: "disabled"
        }
    }
}
