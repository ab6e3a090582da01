import Dispatch
import Synchronization

/// Writes chain metadata records on a dedicated serial queue so that no fsync blocks the
/// cooperative pool: ``ChainStore`` hands it the new head and returns at once.
///
/// Writes coalesce per key: when heads arrive faster than the disk takes them, only the newest
/// pending value of a key is written (an older head is worthless once a newer one is known).
/// ``flush()`` suspends, without blocking a thread, until everything submitted before it is on
/// disk, and reports the first write that failed since the previous flush.
final class MetadataWriter: Sendable {
    private struct State {
        var pending: [String: [UInt8]] = [:]
        var draining = false
        var submitted: UInt64 = 0
        var persisted: UInt64 = 0
        var failure: ChainStoreError?
        var waiters: [(target: UInt64, continuation: CheckedContinuation<ChainStoreError?, Never>)] = []
    }

    private let metadata: any ChainMetadataStore
    private let queue = DispatchQueue(label: "venus.chain.metadata-writer")
    private let state = Mutex(State())

    init(metadata: any ChainMetadataStore) { self.metadata = metadata }

    /// Queues `value` for `key`; returns at once.
    func submit(_ key: String, _ value: [UInt8]) {
        let start = state.withLock { state -> Bool in
            state.pending[key] = value
            state.submitted += 1
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    /// Waits until every value submitted so far is durable; the first failure since the last
    /// flush, if any, is thrown (and cleared).
    func flush() async throws(ChainStoreError) {
        let failure: ChainStoreError? = await withCheckedContinuation { continuation in
            let ready: ChainStoreError?? = state.withLock { state in
                if state.persisted >= state.submitted {
                    defer { state.failure = nil }
                    return .some(state.failure)
                }
                state.waiters.append((state.submitted, continuation))
                return .none
            }
            if case .some(let failure) = ready { continuation.resume(returning: failure) }
        }
        if let failure { throw failure }
    }

    /// Runs on `queue`: writes pending records until none is left.
    private func drain() {
        while true {
            let batch: (records: [String: [UInt8]], upTo: UInt64)? = state.withLock { state in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return nil
                }
                defer { state.pending.removeAll() }
                return (state.pending, state.submitted)
            }
            guard let batch else { return }
            var failure: ChainStoreError?
            for (key, value) in batch.records.sorted(by: { $0.key < $1.key }) {
                do { try metadata.put(key, value) } catch { failure = failure ?? error }
            }
            let woken = state.withLock { state -> [(CheckedContinuation<ChainStoreError?, Never>, ChainStoreError?)] in
                state.persisted = max(state.persisted, batch.upTo)
                if let failure, state.failure == nil { state.failure = failure }
                let ready = state.waiters.filter { $0.target <= state.persisted }
                guard !ready.isEmpty else { return [] }
                state.waiters.removeAll { $0.target <= state.persisted }
                let reported = state.failure
                state.failure = nil
                return ready.map { ($0.continuation, reported) }
            }
            for (continuation, failure) in woken { continuation.resume(returning: failure) }
        }
    }
}
