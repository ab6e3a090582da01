import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

extension RPCServer {
    /// Mounts the API at `path` for HTTP POST and WebSocket (GET upgrade) on the same path.
    ///
    /// The application must be started with
    /// `.http1WebSocketUpgrade(webSocketRouter: router, configuration: .init(ws: configuration.webSocketServerConfiguration))`
    /// so that WebSocket frames up to `configuration.maxWebSocketFrameSize` are accepted.
    public func mount<Context: WebSocketRequestContext>(on router: Router<Context>, path: RouterPath) {
        mountHTTP(on: router, path: path)
        router.ws(
            path,
            shouldUpgrade: { request, _ in
                if case .refused = await self.authenticate(request) { throw HTTPError(.unauthorized) }
                var headers = HTTPFields()
                if let proto = request.headers[.secWebSocketProtocol] { headers[.secWebSocketProtocol] = proto }
                return .upgrade(headers)
            },
            onUpgrade: { inbound, outbound, context in
                // Checked again: the upgrade check cannot hand its result to this handler.
                let auth = await self.authenticate(context.request)
                if case .refused = auth { return }
                await self.serveWebSocket(
                    inbound: inbound, outbound: outbound, token: auth.token,
                    remoteAddress: Self.remoteAddress(of: context.requestContext))
            })
    }

    /// Mounts the API at `path` for HTTP POST only (no WebSocket, so no channels).
    public func mountHTTP<Context: RequestContext>(on router: Router<Context>, path: RouterPath) {
        router.post(path) { request, context -> Response in
            let auth = await self.authenticate(request)
            if case .refused = auth { return Response(status: .unauthorized) }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: self.configuration.maxRequestSize)
            } catch is NIOTooManyBytesError {
                return Self.response(
                    self.protocolAnswer(
                        RPCError(
                            code: RPCError.parseError,
                            message: "request bigger than maximum \(self.configuration.maxRequestSize) allowed")))
            } catch {
                return Self.response(
                    self.protocolAnswer(RPCError(code: RPCError.parseError, message: "reading request: \(error)")))
            }
            let remoteAddress = Self.remoteAddress(of: context)
            // Read in place when the fast parser can; the bytes parse to an array only when they are `[...]`.
            if let json = body.withUnsafeReadableBytes({ JSONValueParser.parse($0) }) {
                return Self.response(
                    await self.handle(json: json, bracketed: true, token: auth.token, remoteAddress: remoteAddress))
            }
            let answer = await self.handle(
                body: Data(body.readableBytesView), token: auth.token, remoteAddress: remoteAddress)
            return Self.response(answer)
        }
    }

    /// Mounts a health route answering 200 `ok` without a token (503 when `check` fails).
    public static func mountHealthCheck<Context: RequestContext>(
        on router: Router<Context>, path: RouterPath = "/healthcheck",
        check: @escaping @Sendable () async -> Bool = { true }
    ) {
        router.get(path) { _, _ -> Response in
            let ok = await check()
            return Response(
                status: ok ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: ok ? "ok" : "unhealthy")))
        }
    }

    /// The caller's IP address when `context` records it (`RemoteAddressRequestContext`).
    static func remoteAddress(of context: some RequestContext) -> String? {
        guard let address = (context as? any RemoteAddressRequestContext)?.remoteAddress else { return nil }
        return address.ipAddress ?? address.pathname
    }

    func authenticate(_ request: Request) async -> Authentication {
        let authorization = request.headers[.authorization]
        // The query is parsed only when it matters: a header, when present, wins.
        let queryToken = (authorization ?? "").isEmpty ? request.uri.queryParameters.get("token") : nil
        return await authenticate(authorization: authorization, queryToken: queryToken)
    }

    static func response(_ answer: HTTPAnswer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let buffer = ByteBuffer(bytes: answer.body ?? Data())
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers, body: .init(byteBuffer: buffer))
    }

    /// Serves one upgraded connection until it closes.
    func serveWebSocket(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, token: VerifiedToken?,
        remoteAddress: String? = nil
    ) async {
        let (outgoing, out) = AsyncStream<String>.makeStream()
        let session = WebSocketSession(server: self, token: token, remoteAddress: remoteAddress, out: out)
        metrics?.webSocketConnections.increment()
        defer { metrics?.webSocketConnections.decrement() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await text in outgoing {
                    do {
                        try await outbound.writeTextMessage(text)
                        session.didWrite()
                    } catch {
                        out.finish()
                        break
                    }
                }
            }
            do {
                let limit = configuration.maxWebSocketMessageSize
                for try await message in inbound.messages(maxSize: limit) {
                    let size: Int
                    switch message {
                    case .text(let text): size = text.utf8.count
                    case .binary(let buffer): size = buffer.readableBytes
                    }
                    // `messages(maxSize:)` bounds fragmented messages only; a single frame is bounded
                    // by the frame limit, so the message limit is checked here too.
                    guard size <= limit else {
                        try? await outbound.close(.messageTooLarge, reason: "message bigger than maximum \(limit) allowed")
                        break
                    }
                    switch message {
                    case .text(let text):
                        // Parsed in place when the fast parser can (same answer as the decoder).
                        let json = text.utf8.withContiguousStorageIfAvailable { JSONValueParser.parse(UnsafeRawBufferPointer($0)) }
                        if let json = json ?? nil {
                            session.receive(json: json)
                        } else {
                            session.receive(Data(text.utf8))
                        }
                    case .binary(let buffer): session.receive(Data(buffer.readableBytesView))
                    }
                }
            } catch {
                logger.debug("websocket read ended: \(error)")
            }
            session.close()
            out.finish()
        }
    }
}
