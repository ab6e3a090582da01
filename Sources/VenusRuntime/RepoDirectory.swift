#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A service's repo folder, as Lotus and Venus services keep them: one folder holding
/// `config.toml`, the `token` the service's clients read, the `api` address file and data.
///
/// Invariants: `path` is absolute, with `~` expanded. The folder is created with mode 0700 and the
/// `token` and `api` files are written with mode 0600, because the token grants admin rights.
public struct RepoDirectory: Sendable, Hashable {
    /// The absolute folder path.
    public let path: String

    /// The name of the file holding the service's admin token.
    public static let tokenFileName = "token"
    /// The name of the file holding the service's listen address (a multiaddr).
    public static let apiFileName = "api"
    /// The name of the config file.
    public static let configFileName = "config.toml"

    /// A repo at `path` (`~` expanded; a relative path is taken from the current folder).
    public init(path: String) throws(RepoError) {
        let expanded = try RepoDirectory.expandTilde(path)
        if expanded.hasPrefix("/") {
            self.path = RepoDirectory.trimmingTrailingSlashes(expanded)
        } else {
            let cwd = FileManager.default.currentDirectoryPath
            self.path = RepoDirectory.trimmingTrailingSlashes(cwd + "/" + expanded)
        }
    }

    /// Chooses the repo: an explicit path first, else the environment variable, else the default.
    public init(
        explicit: String?, environmentKey: String, defaultPath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(RepoError) {
        if let explicit, !explicit.isEmpty {
            try self.init(path: explicit)
        } else if let fromEnvironment = environment[environmentKey], !fromEnvironment.isEmpty {
            try self.init(path: fromEnvironment)
        } else {
            try self.init(path: defaultPath)
        }
    }

    /// The path of `name` inside the repo.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Whether the folder exists.
    public var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Creates the folder (and its parents) with mode 0700 if it does not exist.
    public func create() throws(RepoError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path) }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: path, errno: errno)
        }
        // The umask may have narrowed the mode; it must not widen it, but make it exact.
        guard chmod(path, 0o700) == 0 else { throw .io(path: path, errno: errno) }
    }

    /// Reads `name` as trimmed UTF-8 text.
    public func readText(_ name: String) throws(RepoError) -> String {
        let filePath = file(name)
        guard FileManager.default.fileExists(atPath: filePath) else { throw .missingFile(filePath) }
        guard let data = FileManager.default.contents(atPath: filePath) else {
            throw .io(path: filePath, errno: errno)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadableFile(filePath) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .unreadableFile(filePath) }
        return trimmed
    }

    /// Writes `text` to `name` atomically with the given mode (0600 unless told otherwise).
    public func writeText(_ text: String, to name: String, mode: mode_t = 0o600) throws(RepoError) {
        let filePath = file(name)
        let temporary = filePath + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw .io(path: temporary, errno: errno) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw .io(path: temporary, errno: code)
            }
            written += result
        }
        // open() applies the umask; make the mode exact before the file becomes visible.
        fchmod(fd, mode)
        guard close(fd) == 0 else { throw .io(path: temporary, errno: errno) }
        guard rename(temporary, filePath) == 0 else {
            let code = errno
            unlink(temporary)
            throw .io(path: filePath, errno: code)
        }
    }

    /// The admin token clients of this service use (`<repo>/token`).
    public func readToken() throws(RepoError) -> String { try readText(RepoDirectory.tokenFileName) }

    /// Writes `<repo>/token` with mode 0600.
    public func writeToken(_ token: String) throws(RepoError) {
        try writeText(token, to: RepoDirectory.tokenFileName)
    }

    /// The listen address clients dial (`<repo>/api`, a multiaddr).
    public func readAPI() throws(RepoError) -> String { try readText(RepoDirectory.apiFileName) }

    /// Writes `<repo>/api` with mode 0600.
    public func writeAPI(_ multiaddr: String) throws(RepoError) {
        try writeText(multiaddr, to: RepoDirectory.apiFileName)
    }

    /// Expands a leading `~` (current user's home, `$HOME` first) in `path`.
    public static func expandTilde(_ path: String) throws(RepoError) -> String {
        guard path.hasPrefix("~") else { return path }
        let rest = path.dropFirst()
        guard rest.isEmpty || rest.hasPrefix("/") else {
            // `~user/...` is not supported: Lotus's homedir.Expand does not support it either.
            throw .cannotExpandHome(path)
        }
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory()
        guard !home.isEmpty else { throw .cannotExpandHome(path) }
        return trimmingTrailingSlashes(home) + rest
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
