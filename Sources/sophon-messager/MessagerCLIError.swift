/// What a command reports when the messager cannot serve it (printed as `Error: ...`, exit 1).
enum MessagerCLIError: Error, CustomStringConvertible {
    /// The repo has no `api` or `token` file: no messager was started on it.
    case notRunning(repo: String, missing: String)
    case badAPIAddress(String, String)
    case unreachable(url: String, reason: String)
    /// The messager (or what answers at its address) refused the request: a wrong token, a
    /// wrong path.
    case transport(url: String, reason: String)
    /// The messager answered the call with an error.
    case refused(method: String, message: String)
    /// Some of several operations failed (each was reported on its own line).
    case partialFailure(failed: Int, of: Int)
    case invalid(String)

    var description: String {
        switch self {
        case .notRunning(let repo, let missing):
            "no \(missing) file in \(repo): is `sophon-messager run --repo \(repo)` running? (or pass --api and --token)"
        case .badAPIAddress(let address, let why): "messager address \"\(address)\": \(why)"
        case .unreachable(let url, let reason): "cannot reach the messager at \(url): \(reason)"
        case .transport(let url, let reason): "the messager at \(url): \(reason)"
        case .refused(let method, let message): "\(method): \(message)"
        case .partialFailure(let failed, let total): "\(failed) of \(total) failed"
        case .invalid(let message): message
        }
    }
}
