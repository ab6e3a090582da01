import Foundation
import VenusAPI

/// The users whose tokens changed (a token removed, recovered or created; the user disabled,
/// enabled, deleted or recovered), in order, so that services caching verifications can drop
/// that user's entries at once instead of waiting for their cache's time to live.
///
/// Kept in memory: `epoch` is new at every start, and a reader whose epoch differs, or who asks
/// for changes older than the retained window, is told to `reset` (drop its whole cache).
public actor AuthChangeFeed {
    public nonisolated let epoch = UUID().uuidString.lowercased()
    private var sequence: UInt64 = 0
    private var retained: [(sequence: UInt64, user: String)] = []
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    /// How many long polls are parked waiting for a change (tests wait on it instead of a sleep).
    var waitingCount: Int { waiters.count }
    private let capacity: Int

    public init(capacity: Int = 4096) { self.capacity = max(1, capacity) }

    /// Records that `user`'s tokens changed and wakes every waiting reader.
    public func record(user: String) {
        sequence += 1
        retained.append((sequence, user))
        if retained.count > capacity { retained.removeFirst(retained.count - capacity) }
        let woken = waiters
        waiters.removeAll()
        for waiter in woken.values { waiter.resume() }
    }

    /// The changes after `since` in `epoch`, waiting up to `wait` for one when there is none yet.
    public func changes(since: UInt64, epoch: String?, wait: Duration) async -> SophonAuthChanges {
        if epoch == self.epoch && since == sequence && wait > .zero {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.waitForChange(after: since) }
                group.addTask { try? await Task.sleep(for: wait) }
                await group.next()
                group.cancelAll()
            }
        }
        let oldest = retained.first?.sequence ?? sequence + 1
        // A reader from another epoch, from the future, or from before the retained window
        // cannot be told exactly what changed.
        let reset = epoch != self.epoch || since > sequence || (since + 1 < oldest && since < sequence)
        let users = reset ? [] : Array(Set(retained.filter { $0.sequence > since }.map(\.user))).sorted()
        return SophonAuthChanges(epoch: self.epoch, seq: sequence, users: users, reset: reset)
    }

    private func waitForChange(after since: UInt64) async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if sequence > since || Task.isCancelled {
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.resume(id) }
        }
    }

    private func resume(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }
}
