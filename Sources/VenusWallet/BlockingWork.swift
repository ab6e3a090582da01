import NIOPosix
import Synchronization

/// Where the wallet runs work that would hold a thread for long: scrypt, which at upstream's
/// N = 2^18 takes about a second of CPU and 256 MiB per key. It runs on NIO's blocking thread
/// pool, so neither Swift's cooperative pool (a few threads, one per core) nor the wallet actor
/// waits on it: signatures with cached keys go on while a key is being encrypted or decrypted.
enum BlockingWork {
    /// Counts the bodies running on the pool for the tasks it is bound to (`$observer`), so a
    /// test can order events by what is running instead of by time.
    final class Observer: Sendable {
        let running = Atomic<Int>(0)
        var isRunning: Bool { running.load(ordering: .acquiring) > 0 }
    }

    @TaskLocal static var observer: Observer?

    /// Runs `body` on `NIOThreadPool.singleton` and returns (or throws) what it does.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let observer = Self.observer
        return try await NIOThreadPool.singleton.runIfActive {
            observer?.running.add(1, ordering: .releasing)
            defer { observer?.running.subtract(1, ordering: .releasing) }
            return try body()
        }
    }
}
