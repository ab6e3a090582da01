/// Runs async bodies one at a time, in arrival order. An actor alone does not serialise async
/// work (it is re-entered at every `await`); this gate holds its turn across the awaits.
actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            // The turn passes straight to the next waiter: `busy` stays set.
            waiting.removeFirst().resume()
        }
    }
}

extension SerialGate {
    /// `body` with the gate held, released however it ends.
    nonisolated func exclusively<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }
}
