import Logging
import Synchronization

/// Process-wide logging set-up shared by every service and command.
public enum VenusLogging {
    private static let bootstrapped = Mutex(false)

    /// Sends logs to stderr at `level`. swift-log allows one bootstrap per process; later calls
    /// (tests starting several services) only leave the first set-up in place.
    public static func bootstrap(level: Logger.Level) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// Parses a level name as configs write it (`trace`, `debug`, `info`, `warn`, `warning`,
    /// `error`, `critical`, case-insensitive); `nil` when unknown.
    public static func level(named name: String) -> Logger.Level? {
        switch name.lowercased() {
        case "trace": .trace
        case "debug": .debug
        case "info": .info
        case "notice": .notice
        case "warn", "warning": .warning
        case "error": .error
        case "critical", "fatal", "panic": .critical
        default: nil
        }
    }
}
