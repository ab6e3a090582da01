import Foundation
import Logging
import Synchronization

/// One server-side WebSocket connection: runs calls concurrently, forwards channel values, and
/// cancels a call on `xrpc.cancel` `[requestID]` or when the connection ends.
///
/// Outgoing messages go through `out`, read by a single writer, so a channel's id response is
/// always written before its first `xrpc.ch.val`. The writer reports each written message with
/// `didWrite()`; channel values wait while `maxQueuedChannelValuesPerConnection` messages are
/// queued, so a slow reader slows its channels down instead of filling memory.
final class WebSocketSession: Sendable {
    private struct State {
        var running: [RPCID: Task<Void, Never>] = [:]
        var inFlight = 0
        var nextChannel: UInt64 = 0
        var closed = false
        /// Messages yielded to `out` and not yet written.
        var queued = 0
        var spaceWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let server: RPCServer
    private let token: VerifiedToken?
    private let remoteAddress: String?
    private let out: AsyncStream<String>.Continuation
    private let state = Mutex(State())

    init(server: RPCServer, token: VerifiedToken?, remoteAddress: String? = nil, out: AsyncStream<String>.Continuation) {
        self.server = server
        self.token = token
        self.remoteAddress = remoteAddress
        self.out = out
    }

    /// Handles one complete inbound message.
    func receive(_ bytes: Data) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            send(RPCResponse(id: nil, error: RPCError(code: RPCError.parseError, message: "Parse error")))
            return
        }
        receive(json: json)
    }

    /// Handles one inbound message already parsed.
    func receive(json: JSONValue) {
        let request: RPCRequest
        do throws(RPCError) {
            request = try RPCRequest(json: json)
        } catch {
            send(RPCResponse(id: nil, error: error))
            return
        }
        switch request.method {
        case "":
            // A response frame: this server makes no calls to its clients.
            return
        case RPCBuiltin.cancel:
            if case .array(let p)? = request.params, let first = p.first, let id = try? RPCID(json: first) {
                let task = state.withLock { $0.running[id] }
                task?.cancel()
            }
        case RPCBuiltin.channelValue, RPCBuiltin.channelClose:
            // Client-to-server channels are not part of any Venus API.
            return
        default:
            start(request)
        }
    }

    /// Cancels every running call; nothing more is sent.
    func close() {
        let (tasks, waiters) = state.withLock { s -> ([Task<Void, Never>], [CheckedContinuation<Void, Never>]) in
            s.closed = true
            defer { s.spaceWaiters.removeAll() }
            return (Array(s.running.values), Array(s.spaceWaiters.values))
        }
        for t in tasks { t.cancel() }
        for waiter in waiters { waiter.resume() }
    }

    /// Called by the connection's writer after each message is written.
    func didWrite() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.queued -= 1
            guard s.queued < server.configuration.maxQueuedChannelValuesPerConnection,
                let first = s.spaceWaiters.keys.min()
            else { return nil }
            return s.spaceWaiters.removeValue(forKey: first)
        }
        waiter?.resume()
    }

    /// Messages queued and not yet written (for tests and metrics).
    var queuedMessages: Int { state.withLock { $0.queued } }

    /// Waits until the outgoing queue has room for a channel value (or the connection closed,
    /// or the calling task was cancelled).
    private func waitForSpace() async {
        let limit = server.configuration.maxQueuedChannelValuesPerConnection
        guard state.withLock({ $0.queued >= limit && !$0.closed }) else { return }
        let id = state.withLock { s -> UInt64 in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = state.withLock { s -> Bool in
                    guard s.queued >= limit, !s.closed, !Task.isCancelled else { return false }
                    s.spaceWaiters[id] = continuation
                    return true
                }
                if !waiting { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.spaceWaiters.removeValue(forKey: id) }?.resume()
        }
    }

    private func start(_ request: RPCRequest) {
        let limit = server.configuration.maxConcurrentRequestsPerConnection
        let admitted = state.withLock { s -> Bool in
            guard !s.closed, s.inFlight < limit else { return false }
            s.inFlight += 1
            let task = Task { [self] in
                await self.run(request)
                self.finished(request.id)
            }
            if let id = request.id { s.running[id] = task }
            return true
        }
        if !admitted, request.id != nil {
            send(
                RPCResponse(
                    id: request.id,
                    error: RPCError(
                        code: RPCError.serverError,
                        message: "too many concurrent requests on this connection (limit \(limit))")))
        }
    }

    private func finished(_ id: RPCID?) {
        state.withLock { s in
            s.inFlight -= 1
            if let id { s.running[id] = nil }
        }
    }

    private func run(_ request: RPCRequest) async {
        switch await server.dispatch(request, token: token, transport: .webSocket, remoteAddress: remoteAddress) {
        case .none:
            return
        case .response(let response, _):
            send(response)
        case .channel(let id, let stream):
            guard let id else { return }
            let channel = state.withLock { s -> UInt64 in
                s.nextChannel += 1
                return s.nextChannel
            }
            send(RPCResponse(id: id, outcome: .result(channel)))
            do {
                try await stream.forEach { value in
                    await self.waitForSpace()
                    self.send(
                        RPCNotification(
                            method: RPCBuiltin.channelValue, params: ChannelValueParams(channel: channel, value: value)))
                }
            } catch {
                server.logger.debug("channel \(channel) of \(request.method) ended: \(error)")
            }
            send(RPCNotification(method: RPCBuiltin.channelClose, params: [channel]))
        }
    }

    private func send(_ value: some Encodable) {
        state.withLock { $0.queued += 1 }
        let text = (value as? RPCResponse)?.fastJSONText ?? String(decoding: server.encode(value), as: UTF8.self)
        if case .enqueued = out.yield(text) { return }
        // The writer has finished: nothing will be written, so nothing is queued.
        state.withLock { $0.queued -= 1 }
    }
}
