import ServiceLifecycle

/// A background loop (a cache watcher, a reconnecting client) run beside a service's servers:
/// it is cancelled when the service group shuts down, so the loop must end on cancellation.
public struct BackgroundService: Service {
    private let body: @Sendable () async -> Void

    public init(_ body: @escaping @Sendable () async -> Void) { self.body = body }

    public func run() async throws {
        let body = body
        await cancelWhenGracefulShutdown { await body() }
    }
}
