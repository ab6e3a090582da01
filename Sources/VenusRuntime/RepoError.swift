/// Why a repo folder, one of its files, or its config could not be used.
public enum RepoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `~` or `~user` could not be expanded (no home folder known).
    case cannotExpandHome(String)
    /// The path exists but is not a folder.
    case notADirectory(String)
    /// A file the caller needs (`token`, `api`, `config.toml`) is missing.
    case missingFile(String)
    /// A file exists but is empty or not valid UTF-8.
    case unreadableFile(String)
    /// The config file is not valid TOML or does not match the expected keys and types.
    case invalidConfig(path: String, reason: String)
    /// A system call failed.
    case io(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .cannotExpandHome(let path): "cannot expand ~ in \(path): no home folder"
        case .notADirectory(let path): "\(path) exists and is not a folder"
        case .missingFile(let path): "\(path) does not exist"
        case .unreadableFile(let path): "\(path) is empty or not UTF-8 text"
        case .invalidConfig(let path, let reason): "invalid config \(path): \(reason)"
        case .io(let path, let code): "\(path): system error \(code)"
        }
    }
}
