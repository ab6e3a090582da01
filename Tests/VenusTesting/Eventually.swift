import Foundation

/// The condition a test waited for did not come about before the outer limit.
public struct EventuallyTimeout: Error, CustomStringConvertible {
    public let what: String
    public let limit: Duration
    public let last: String
    public var description: String { "not within \(limit): \(what) (last seen: \(last))" }
}

/// Polls `probe` until it returns a value, and returns that value.
///
/// Tests order events by waiting on observable state, never on a sleep: `limit` is only an outer
/// bound for a broken build, generous enough that a loaded 2-core machine never reaches it when
/// the code is right. `probe` returns `nil` while the state is not there yet, or throws while it
/// cannot be observed (a server still starting); the last error goes into the timeout's message.
public func eventually<Value>(
    _ what: @autoclosure () -> String,
    within limit: Duration = .seconds(60),
    poll: Duration = .milliseconds(25),
    _ probe: () async throws -> Value?
) async throws -> Value {
    let deadline = ContinuousClock.now + limit
    var lastError: (any Error)?
    while true {
        do {
            if let value = try await probe() { return value }
            lastError = nil
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            lastError = error
        }
        guard ContinuousClock.now < deadline else {
            throw EventuallyTimeout(what: what(), limit: limit, last: lastError.map { "\($0)" } ?? "not yet")
        }
        try await Task.sleep(for: poll)
    }
}

/// Polls `condition` until it holds (see `eventually(_:within:poll:_:)`).
public func waitUntil(
    _ what: @autoclosure () -> String,
    within limit: Duration = .seconds(60),
    poll: Duration = .milliseconds(25),
    _ condition: () async throws -> Bool
) async throws {
    _ = try await eventually(what(), within: limit, poll: poll) { try await condition() ? true : nil }
}
