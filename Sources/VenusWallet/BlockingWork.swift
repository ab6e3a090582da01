import NIOPosix

/// Where the wallet runs work that would hold a thread for long: scrypt, which at upstream's
/// N = 2^18 takes about a second of CPU and 256 MiB per key. It runs on NIO's blocking thread
/// pool, so neither Swift's cooperative pool (a few threads, one per core) nor the wallet actor
/// waits on it: signatures with cached keys go on while a key is being encrypted or decrypted.
enum BlockingWork {
    /// Runs `body` on `NIOThreadPool.singleton` and returns (or throws) what it does.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
