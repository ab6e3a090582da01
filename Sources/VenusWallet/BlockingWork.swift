import Dispatch
import NIOPosix
import Synchronization

/// Where the wallet runs work that would hold a thread for long: scrypt, which at upstream's
/// N = 2^18 takes about a second of CPU and 256 MiB per key. It runs on NIO's blocking thread
/// pool, so neither Swift's cooperative pool (a few threads, one per core) nor the wallet actor
/// waits on it: signatures with cached keys go on while a key is being encrypted or decrypted.
enum BlockingWork {
    /// Counts the bodies running on the pool for the tasks it is bound to (`$observer`), so a
    /// test can order events by what is running instead of by time. An observer made with
    /// `holdingUntilReleased` keeps each finished body on its thread (still counted as running)
    /// until `release()` or `outerLimit`, so "X happens while the body runs" is certain, not a
    /// race against how fast this machine runs the body.
    final class Observer: Sendable {
        let running = Atomic<Int>(0)
        private let hold: DispatchSemaphore?
        private let outerLimit: DispatchTimeInterval

        init(holdingUntilReleased: Bool = false, outerLimit: DispatchTimeInterval = .seconds(60)) {
            self.hold = holdingUntilReleased ? DispatchSemaphore(value: 0) : nil
            self.outerLimit = outerLimit
        }

        var isRunning: Bool { running.load(ordering: .acquiring) > 0 }

        /// Lets one held body return.
        func release() { hold?.signal() }

        fileprivate func bodyFinished() {
            _ = hold?.wait(timeout: .now() + outerLimit)
        }
    }

    @TaskLocal static var observer: Observer?

    /// Runs `body` on `NIOThreadPool.singleton` and returns (or throws) what it does.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let observer = Self.observer
        return try await NIOThreadPool.singleton.runIfActive {
            observer?.running.add(1, ordering: .releasing)
            defer {
                observer?.bodyFinished()
                observer?.running.subtract(1, ordering: .releasing)
            }
            return try body()
        }
    }
}
