import FilecoinTypes
import Foundation
import Synchronization
import VenusAPI

/// One provider's open `Listen*Event` channel: the events sent down it, and the requests on it
/// waiting for an answer.
///
/// Invariants: once closed, no request is admitted and every waiting one has failed with
/// `connectionClosed`; at most `queueLimit` requests wait at once.
public final class EventConnection: Sendable {
    public let id: GatewayUUID
    /// The sophon-auth user the provider's token names.
    public let account: String
    /// The provider's IP address as the gateway saw it ("" when unknown).
    public let ip: String
    public let createdAt: Date
    let queueLimit: Int
    /// What the session forwards to the provider.
    let events: AsyncStream<RequestEvent>
    private let continuation: AsyncStream<RequestEvent>.Continuation
    private let pending: PendingRequests
    private let onClose: @Sendable (GatewayUUID) -> Void
    private let state = Mutex(State())

    private struct State {
        var inFlight = 0
        var closed = false
    }

    init(
        account: String, ip: String, queueLimit: Int, pending: PendingRequests,
        onClose: @escaping @Sendable (GatewayUUID) -> Void
    ) {
        let id = GatewayUUID()
        self.id = id
        self.account = account
        self.ip = ip
        self.createdAt = Date()
        self.queueLimit = max(1, queueLimit)
        self.pending = pending
        self.onClose = onClose
        let (stream, continuation) = AsyncStream<RequestEvent>.makeStream()
        events = stream
        self.continuation = continuation
        // The session stops reading when the provider's connection ends: fail what waits on it.
        continuation.onTermination = { [weak self] _ in self?.terminated() }
    }

    private func terminated() {
        state.withLock { $0.closed = true }
        pending.failAll(channel: id, GatewayError.connectionClosed(channel: id))
        onClose(id)
    }

    /// Requests waiting for an answer.
    public var requestCount: Int { state.withLock { $0.inFlight } }

    public var isClosed: Bool { state.withLock { $0.closed } }

    /// Sends an event that is not answered (`InitConnect`, `ConnectRefused`).
    func notify(_ event: RequestEvent) {
        continuation.yield(event)
    }

    /// Ends the channel (the provider sees `xrpc.ch.close`).
    func close() {
        continuation.finish()
    }

    /// Sends a request and waits for its answer, at most `timeout`.
    /// - Throws: `GatewayError.connectionClosed`, `.queueFull`, `.timeout`, or `CancellationError`.
    func request(method: String, payload: Data, timeout: Duration) async throws -> ResponseEvent {
        let id = GatewayUUID()
        let event = RequestEvent(id: id, method: method, payload: payload)
        defer { state.withLock { $0.inFlight -= 1 } }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ResponseEvent, any Error>) in
                let pending = self.pending
                let refusal = state.withLock { s -> GatewayError? in
                    // Counted even when refused, so the deferred decrement balances.
                    s.inFlight += 1
                    if s.closed { return .connectionClosed(channel: self.id) }
                    if s.inFlight > queueLimit { return .queueFull(channel: self.id, limit: queueLimit) }
                    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
                    let timer = Task {
                        try? await Task.sleep(for: timeout)
                        if !Task.isCancelled { pending.fail(id, GatewayError.timeout(method: method, seconds: seconds)) }
                    }
                    // Registered under the connection's lock so `close` cannot slip between check and add.
                    pending.add(id, .init(channel: self.id, continuation: continuation, timer: timer))
                    return nil
                }
                if let refusal {
                    continuation.resume(throwing: refusal)
                    return
                }
                if Task.isCancelled {
                    pending.fail(id, CancellationError())
                    return
                }
                if case .terminated = self.continuation.yield(event) {
                    pending.fail(id, GatewayError.connectionClosed(channel: self.id))
                }
            }
        } onCancel: {
            pending.fail(id, CancellationError())
        }
    }

    /// The connection as `List*` methods show it.
    func connectState(addresses: [Address] = []) -> ConnectState {
        ConnectState(addresses: addresses, channelID: id, ip: ip, requestCount: requestCount, createTime: createdAt)
    }
}
