/// Why the local pool (demo and end-to-end tests) could not be brought up.
public enum LocalPoolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An executable is missing from the build folder.
    case missingExecutable(String)
    case cannotStart(String, reason: String)
    /// The child did not write its address in time, or exited; `log` is its output's tail.
    case notReady(String, log: String)
    /// A command exited with a failure.
    case commandFailed(String, status: Int32, output: String)

    public var description: String {
        switch self {
        case .missingExecutable(let path):
            return "missing executable \(path): build every product first (swift build -c release)"
        case .cannotStart(let name, let reason):
            return "cannot start \(name): \(reason)"
        case .notReady(let name, let log):
            return "\(name) did not come up; its log ends with:\n\(log)"
        case .commandFailed(let command, let status, let output):
            return "\(command) exited with \(status): \(output)"
        }
    }
}
