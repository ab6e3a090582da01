import Synchronization
import VenusAPI

/// The requests of one hub waiting for a provider's answer, by request id. Responses arrive
/// on a separate call (`Response*Event`), possibly on another connection of the same provider,
/// so they are matched here rather than per connection.
///
/// Invariant: each entry is resumed exactly once — by `resolve`, `fail` or `failAll` — and
/// removed in the same critical section, so no request is answered twice.
final class PendingRequests: Sendable {
    struct Entry {
        let channel: GatewayUUID
        let continuation: CheckedContinuation<ResponseEvent, any Error>
        let timer: Task<Void, Never>
    }

    private let entries = Mutex<[GatewayUUID: Entry]>([:])

    func add(_ id: GatewayUUID, _ entry: Entry) {
        entries.withLock { $0[id] = entry }
    }

    /// Hands `response` to its waiting request; false when none waits.
    func resolve(_ response: ResponseEvent) -> Bool {
        guard let entry = entries.withLock({ $0.removeValue(forKey: response.id) }) else { return false }
        entry.timer.cancel()
        entry.continuation.resume(returning: response)
        return true
    }

    func fail(_ id: GatewayUUID, _ error: any Error) {
        guard let entry = entries.withLock({ $0.removeValue(forKey: id) }) else { return }
        entry.timer.cancel()
        entry.continuation.resume(throwing: error)
    }

    /// Fails every request sent on `channel` (it closed).
    func failAll(channel: GatewayUUID, _ error: any Error) {
        let failed = entries.withLock { entries -> [Entry] in
            let ids = entries.filter { $0.value.channel == channel }.map(\.key)
            return ids.compactMap { entries.removeValue(forKey: $0) }
        }
        for entry in failed {
            entry.timer.cancel()
            entry.continuation.resume(throwing: error)
        }
    }

    var count: Int { entries.withLock { $0.count } }
}
