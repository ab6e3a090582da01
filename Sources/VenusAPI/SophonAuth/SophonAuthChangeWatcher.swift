import JSONRPC

/// Keeps a `CachingTokenVerifier` in step with sophon-auth: long-polls `GET /changes` and drops
/// the cached verifications of every user whose tokens changed, so a removed token or a disabled
/// user stops working within a round trip instead of after the cache's time to live.
///
/// While sophon-auth cannot be reached the cache keeps its own expiry (its TTL is the bound on
/// staleness); when the server comes back with a new epoch the whole cache is dropped.
public struct SophonAuthChangeWatcher: Sendable {
    public let client: SophonAuthClient
    public let cache: CachingTokenVerifier
    /// How long the server holds each poll open when nothing changes (below the client timeout).
    public var wait: Duration
    /// Pause before polling again after a failed poll.
    public var retryDelay: Duration

    public init(client: SophonAuthClient, cache: CachingTokenVerifier, wait: Duration = .seconds(20), retryDelay: Duration = .seconds(1)) {
        self.client = client
        self.cache = cache
        self.wait = wait
        self.retryDelay = retryDelay
    }

    /// Polls until the task is cancelled. `onChange` sees each answer (for logs and tests).
    public func run(onChange: @Sendable (SophonAuthChanges) -> Void = { _ in }) async {
        var epoch: String?
        var since: UInt64 = 0
        while !Task.isCancelled {
            do {
                let changes = try await client.changes(since: since, epoch: epoch, wait: epoch == nil ? .zero : wait)
                if changes.reset {
                    cache.invalidateAll()
                } else {
                    for user in changes.users { cache.invalidate(name: user) }
                }
                epoch = changes.epoch
                since = changes.seq
                onChange(changes)
            } catch {
                if Task.isCancelled { return }
                try? await Task.sleep(for: retryDelay)
            }
        }
    }
}
