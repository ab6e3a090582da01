import Foundation
import VenusPool

/// An executable of this package as the build left it (`.build/release/venus`, ...), found beside
/// the test bundle or in the project's build folders, and run to completion for its output.
public enum BuiltExecutable {
    /// The executable named `name`, or nil when it is not built.
    public static func url(_ name: String) -> URL? {
        var folders: [URL] = []
        if let runner = Bundle.main.executableURL { folders.append(runner.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for configuration in ["release", "debug"] {
            folders.append(TestVectors.projectRoot.appendingPathComponent(".build/\(configuration)"))
        }
        return folders.map { $0.appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Whether a test needing `name` should run: when it is built, and always on CI, where a
    /// missing executable must fail the test rather than skip it.
    public static func available(_ name: String) -> Bool {
        url(name) != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// What a finished command left.
    public struct Output: Sendable {
        public let status: Int32
        /// Standard output and standard error, interleaved as written.
        public let text: String
        public var lines: [String] { text.split(separator: "\n").map(String.init) }
    }

    /// Runs `name` with `arguments` to completion (within `limit`), its output collected in a log
    /// file under `logFolder`, and returns its status and output.
    public static func run(
        _ name: String, _ arguments: [String], logFolder: URL, limit: Duration = .seconds(300)
    ) async throws -> Output {
        guard let executable = url(name) else { throw LocalPoolError.missingExecutable(name) }
        let log = logFolder.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8)).log").path
        let child = try ChildProcess(name: name, executable: executable.path, arguments: arguments, logPath: log)
        guard await child.waitForExit(within: limit) else {
            await child.stop(grace: .seconds(1))
            throw LocalPoolError.commandFailed("\(name) \(arguments.joined(separator: " "))", status: -1, output: "timed out")
        }
        let text = FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Output(status: child.exitStatus, text: text)
    }

    /// Runs `name` like `run`, and throws with its output unless it exited with 0.
    @discardableResult
    public static func succeed(
        _ name: String, _ arguments: [String], logFolder: URL, limit: Duration = .seconds(300)
    ) async throws -> Output {
        let output = try await run(name, arguments, logFolder: logFolder, limit: limit)
        guard output.status == 0 else {
            throw LocalPoolError.commandFailed("\(name) \(arguments.joined(separator: " "))", status: output.status, output: output.text)
        }
        return output
    }
}
