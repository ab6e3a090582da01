import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// A typed client over one WebSocket connection, with channels and automatic reconnection.
///
/// Calls made while disconnected wait for the next connection (up to `connectTimeout`). When the
/// connection drops, calls in flight fail with `RPCClientError.connectionLost` and open channels
/// finish with that error, as go-jsonrpc's client does; the client then reconnects with backoff.
public final class RPCWebSocketClient: RPCClient {
    /// Connection settings.
    public struct Configuration: Sendable {
        /// Sent as `Authorization: Bearer <token>` on the upgrade request.
        public var token: String?
        /// Reconnect after the connection drops.
        public var reconnect = true
        /// First reconnection delay; each failed attempt multiplies it by `backoffMultiplier`, up to `maxBackoff`.
        public var minBackoff: Duration = .milliseconds(100)
        public var maxBackoff: Duration = .seconds(10)
        public var backoffMultiplier = 1.5
        /// How long `connect` and a call wait for a connection.
        public var connectTimeout: Duration = .seconds(30)
        public var maxMessageSize = 100 << 20
        public var maxFrameSize = 16 << 20

        public init(token: String? = nil) { self.token = token }

        /// The delay before reconnection attempt `attempt` (0-based).
        public func backoff(attempt: Int) -> Duration {
            let factor = pow(backoffMultiplier, Double(min(attempt, 64)))
            let delay = minBackoff * factor
            return delay > maxBackoff ? maxBackoff : delay
        }
    }

    struct ChannelSink: Sendable {
        let yield: @Sendable (JSONValue) -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct Pending {
        let continuation: CheckedContinuation<JSONValue, any Error>
        let channel: ChannelSink?
    }

    private struct State {
        var outbox: AsyncStream<String>.Continuation?
        var pending: [Int64: Pending] = [:]
        var channels: [UInt64: ChannelSink] = [:]
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
        var nextWaiter = 0
        var nextID: Int64 = 0
        var connections = 0
        var closed = false
    }

    public let url: String
    public let configuration: Configuration
    private let logger: Logger
    private let state = Mutex(State())
    private let loop = Mutex<Task<Void, Never>?>(nil)

    private init(url: String, configuration: Configuration, logger: Logger) {
        self.url = url
        self.configuration = configuration
        self.logger = logger
    }

    /// Connects to `url` (e.g. `ws://127.0.0.1:3453/rpc/v1`) and keeps the connection up until `close()`.
    /// Throws when the first connection fails (e.g. HTTP 401 on the upgrade).
    public static func connect(
        url: String, configuration: Configuration = .init(), logger: Logger = Logger(label: "jsonrpc.client")
    ) async throws -> RPCWebSocketClient {
        let client = RPCWebSocketClient(url: url, configuration: configuration, logger: logger)
        client.loop.withLock { $0 = Task { await client.runLoop() } }
        do {
            try await client.waitForConnection()
        } catch {
            client.close()
            throw error
        }
        return client
    }

    /// Closes the connection, fails calls in flight, and stops reconnecting.
    public func close() {
        let (outbox, waiters) = state.withLock { s in
            s.closed = true
            let w = s.waiters
            s.waiters = [:]
            return (s.outbox, w)
        }
        outbox?.finish()
        for w in waiters.values { w.resume(throwing: RPCClientError.closed) }
        loop.withLock { $0?.cancel() }
        failAll(RPCClientError.closed)
    }

    /// How many connections have been established so far (1 after `connect`).
    public var connectionCount: Int { state.withLock { $0.connections } }

    /// Whether a connection is up.
    public var isConnected: Bool { state.withLock { $0.outbox != nil } }

    // MARK: Calls

    public func call<P, R>(_ method: RPCMethod<P, R>, _ params: P) async throws -> R {
        let (_, result) = try await rawCall(method: method.name, params: params, channel: nil)
        do {
            return try result.decode(as: R.self)
        } catch {
            throw RPCClientError.invalidResponse("result of \(method.name): \(error)")
        }
    }

    /// Opens a channel: the values arrive on the returned stream, which ends when the server closes
    /// the channel, and throws `connectionLost` if the connection drops. Ending the iteration early
    /// sends `xrpc.cancel` for the request, so the server stops producing.
    public func subscribe<P, E>(_ method: RPCStreamMethod<P, E>, _ params: P) async throws
        -> AsyncThrowingStream<E, any Error>
    {
        let (stream, continuation) = AsyncThrowingStream<E, any Error>.makeStream()
        let sink = ChannelSink(
            yield: { value in
                do {
                    continuation.yield(try value.decode(as: E.self))
                } catch {
                    continuation.finish(throwing: RPCClientError.invalidResponse("channel value: \(error)"))
                }
            },
            finish: { error in continuation.finish(throwing: error) })
        let (id, _) = try await rawCall(method: method.name, params: params, channel: sink)
        continuation.onTermination = { [weak self] termination in
            if case .cancelled = termination { self?.sendCancel(id) }
        }
        return stream
    }

    private func rawCall<P: Encodable>(method: String, params: P, channel: ChannelSink?) async throws
        -> (Int64, JSONValue)
    {
        try await waitForConnection()
        let id = state.withLock { s -> Int64 in
            s.nextID += 1
            return s.nextID
        }
        let text = String(decoding: try OutgoingRequest(id: id, method: method, params: params).encoded(), as: UTF8.self)
        let result = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
                let error = state.withLock { s -> (any Error)? in
                    if s.closed { return RPCClientError.closed }
                    guard let outbox = s.outbox else { return RPCClientError.connectionLost }
                    if Task.isCancelled { return CancellationError() }
                    s.pending[id] = Pending(continuation: continuation, channel: channel)
                    outbox.yield(text)
                    return nil
                }
                if let error { continuation.resume(throwing: error) }
            }
        } onCancel: {
            if let pending = state.withLock({ $0.pending.removeValue(forKey: id) }) {
                pending.continuation.resume(throwing: CancellationError())
                sendCancel(id)
            }
        }
        return (id, result)
    }

    private func sendCancel(_ id: Int64) {
        guard let data = try? OutgoingRequest<[Int64]>(id: nil, method: RPCBuiltin.cancel, params: [id]).encoded()
        else { return }
        let text = String(decoding: data, as: UTF8.self)
        state.withLock { _ = $0.outbox?.yield(text) }
    }

    // MARK: Connection

    private func waitForConnection() async throws {
        let ready = try state.withLock { s -> Bool in
            if s.closed { throw RPCClientError.closed }
            return s.outbox != nil
        }
        if ready { return }
        let waiter = state.withLock { s -> Int in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        let timeout = configuration.connectTimeout
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled, let self else { return }
            let w = self.state.withLock { $0.waiters.removeValue(forKey: waiter) }
            w?.resume(throwing: RPCClientError.notConnected("no connection to \(self.url) within \(timeout)"))
        }
        defer { timer.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let immediate = state.withLock { s -> Result<Void, any Error>? in
                if s.closed { return .failure(RPCClientError.closed) }
                if s.outbox != nil { return .success(()) }
                s.waiters[waiter] = continuation
                return nil
            }
            if let immediate { continuation.resume(with: immediate) }
        }
    }

    private func runLoop() async {
        var attempt = 0
        while !Task.isCancelled {
            if state.withLock({ $0.closed }) { break }
            var wsConfiguration = WebSocketClientConfiguration(maxFrameSize: configuration.maxFrameSize)
            if let token = configuration.token {
                wsConfiguration.additionalHeaders[.authorization] = "Bearer \(token)"
            }
            let before = connectionCount
            do {
                try await WebSocketClient.connect(url: url, configuration: wsConfiguration, logger: logger) {
                    inbound, outbound, _ in
                    let (outgoing, out) = AsyncStream<String>.makeStream()
                    self.connected(out)
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await text in outgoing {
                                do { try await outbound.writeTextMessage(text) } catch { break }
                            }
                            try? await outbound.close(.normalClosure, reason: nil)
                        }
                        do {
                            for try await message in inbound.messages(maxSize: self.configuration.maxMessageSize) {
                                switch message {
                                case .text(let text): self.receive(Data(text.utf8))
                                case .binary(let buffer): self.receive(Data(buffer.readableBytesView))
                                }
                            }
                        } catch {
                            self.logger.debug("websocket read ended: \(error)")
                        }
                        self.disconnected()
                        out.finish()
                    }
                }
            } catch {
                logger.debug("websocket connection to \(url) failed: \(error)")
                let firstFailure = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
                    // Before any connection, callers learn why at once instead of waiting.
                    guard s.connections == 0 else { return [] }
                    let w = Array(s.waiters.values)
                    s.waiters = [:]
                    return w
                }
                for w in firstFailure { w.resume(throwing: Self.connectError(error)) }
            }
            disconnected()
            if connectionCount > before { attempt = 0 }
            let stop = state.withLock { $0.closed } || !configuration.reconnect || connectionCount == 0
            if stop { break }
            try? await Task.sleep(for: configuration.backoff(attempt: attempt))
            attempt += 1
        }
        let waiters = state.withLock { s in
            let w = s.waiters
            s.waiters = [:]
            return w
        }
        for w in waiters.values { w.resume(throwing: RPCClientError.closed) }
    }

    private static func connectError(_ error: any Error) -> any Error {
        if let e = error as? WebSocketClientError, e == .webSocketUpgradeFailed { return RPCClientError.upgradeRefused }
        return RPCClientError.notConnected(String(describing: error))
    }

    private func connected(_ out: AsyncStream<String>.Continuation) {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
            if s.closed {
                out.finish()
                return []
            }
            s.outbox = out
            s.connections += 1
            let w = Array(s.waiters.values)
            s.waiters = [:]
            return w
        }
        for w in waiters { w.resume() }
    }

    private func disconnected() {
        state.withLock { $0.outbox = nil }
        failAll(RPCClientError.connectionLost)
    }

    private func failAll(_ error: RPCClientError) {
        let (pending, channels) = state.withLock { s in
            let p = s.pending
            let c = s.channels
            s.pending = [:]
            s.channels = [:]
            return (p, c)
        }
        for p in pending.values { p.continuation.resume(throwing: error) }
        for c in channels.values { c.finish(error) }
    }

    private func receive(_ data: Data) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: data), case .object(let members) = json else {
            logger.warning("ignoring a websocket message that is not a JSON object")
            return
        }
        if case .string(let method)? = members["method"] {
            guard case .array(let params)? = members["params"], let channel = params.first?.uint64Value else { return }
            switch method {
            case RPCBuiltin.channelValue:
                guard params.count == 2 else { return }
                let sink = state.withLock { $0.channels[channel] }
                sink?.yield(params[1])
            case RPCBuiltin.channelClose:
                let sink = state.withLock { $0.channels.removeValue(forKey: channel) }
                sink?.finish(nil)
            default:
                logger.debug("ignoring call \(method) from server")
            }
            return
        }
        guard let rawID = members["id"], case .number(let id)? = try? RPCID(json: rawID) else {
            if let error = members["error"], let e = try? error.decode(as: RPCError.self) {
                logger.warning("server error without request id: \(e)")
            }
            return
        }
        guard let pending = state.withLock({ $0.pending.removeValue(forKey: id) }) else { return }
        if let error = members["error"], error != .null {
            let rpcError =
                (try? error.decode(as: RPCError.self))
                ?? RPCError(code: RPCError.methodError, message: "undecodable error object")
            pending.continuation.resume(throwing: rpcError)
            return
        }
        let result = members["result"] ?? .null
        if let sink = pending.channel {
            guard let channel = result.uint64Value else {
                pending.continuation.resume(throwing: RPCClientError.invalidResponse("channel id expected, got \(result)"))
                return
            }
            // Registered before the next message is read, so no value can be missed.
            state.withLock { $0.channels[channel] = sink }
        }
        pending.continuation.resume(returning: result)
    }
}
