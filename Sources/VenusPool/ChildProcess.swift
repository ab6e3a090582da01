#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process started from an executable, its output appended to a log file.
///
/// `@unchecked Sendable`: the wrapped `Process` is only started in `init` and afterwards only
/// asked for its pid and state and signalled, which Foundation allows from any thread.
public final class ChildProcess: @unchecked Sendable {
    public let name: String
    public let logPath: String
    private let process: Process

    /// Starts `executable` with `arguments`.
    public init(name: String, executable: String, arguments: [String], logPath: String) throws {
        self.name = name
        self.logPath = logPath
        // Failure shows as the open below failing, with the path.
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else {
            throw LocalPoolError.cannotStart(name, reason: "cannot open log file \(logPath)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw LocalPoolError.cannotStart(name, reason: "\(executable): \(error)")
        }
        self.process = process
    }

    public var pid: Int32 { process.processIdentifier }
    /// The exit status once exited (-1 while running).
    public var exitStatus: Int32 { process.isRunning ? -1 : process.terminationStatus }
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGTERM by default) if the process still runs.
    public func signal(_ signal: Int32 = SIGTERM) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
    }

    /// SIGTERM, then SIGKILL if it has not exited within `grace`; returns once it has exited.
    public func stop(grace: Duration = .seconds(5)) async {
        guard isRunning else { return }
        signal(SIGTERM)
        if await waitForExit(within: grace) { return }
        signal(SIGKILL)
        _ = await waitForExit(within: .seconds(5))
    }

    /// Whether the process exited within `timeout`.
    public func waitForExit(within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// The last `lines` lines of the log, for error messages.
    public func logTail(lines: Int = 20) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
