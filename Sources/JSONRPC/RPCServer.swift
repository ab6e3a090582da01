import Foundation
import Logging

/// Serves one `RPCRegistry`: authentication, permission and rate-limit checks, envelope handling
/// and dispatch, shared by the HTTP and WebSocket transports (see `mount(on:path:)`).
///
/// Behaviour follows go-jsonrpc: a refused token is HTTP 401 with an empty body; protocol errors
/// (parse, invalid request, unknown method, parameter count or types) are answered with HTTP 500
/// (400 for an invalid request) and a JSON-RPC error; errors of the method itself, including a
/// missing permission, are HTTP 200 with code 1.
///
/// ```swift
/// var registry = RPCRegistry()
/// registry.register(CommonAPI.version) { context, _ in APIVersion(version: "1.0", apiVersion: 0x20000, blockDelay: 30) }
/// let verifier = CachingTokenVerifier(FirstSuccessTokenVerifier([lotusVerifier, sophonVerifier]))
/// let server = RPCServer(registry: registry, verifier: verifier)
/// let router = Router(context: BasicWebSocketRequestContext.self)
/// server.mount(on: router, path: "/rpc/v1")
/// RPCServer.mountHealthCheck(on: router)
/// let app = Application(router: router, server: .http1WebSocketUpgrade(
///     webSocketRouter: router, configuration: .init(ws: server.configuration.webSocketServerConfiguration)))
/// ```
public struct RPCServer: Sendable {
    public let registry: RPCRegistry
    public let verifier: any TokenVerifier
    public let rateLimiter: RateLimiter?
    public let configuration: RPCServerConfiguration
    let logger: Logger
    /// Per-method instruments when `configuration.metricsFactory` is set; nil costs nothing.
    let metrics: RPCMetrics?

    public init(
        registry: RPCRegistry, verifier: any TokenVerifier, rateLimiter: RateLimiter? = nil,
        configuration: RPCServerConfiguration = .init(), logger: Logger = Logger(label: "jsonrpc")
    ) {
        self.registry = registry
        self.verifier = verifier
        self.rateLimiter = rateLimiter
        self.configuration = configuration
        self.logger = logger
        metrics = configuration.metricsFactory.map { RPCMetrics(methods: registry.methods.keys, factory: $0) }
    }

    // MARK: Authentication

    /// The outcome of reading a request's credentials.
    public enum Authentication: Sendable {
        /// No token was presented.
        case anonymous
        case verified(VerifiedToken)
        /// A token was presented and refused (HTTP 401).
        case refused(String)

        var token: VerifiedToken? {
            if case .verified(let t) = self { return t }
            return nil
        }
    }

    /// Reads `Authorization: Bearer <token>`, or else the `token` query parameter, as go-jsonrpc's
    /// `auth.Handler` does: a header without the `Bearer ` prefix is refused.
    public func authenticate(authorization: String?, queryToken: String?) async -> Authentication {
        var header = authorization ?? ""
        if header.isEmpty, let queryToken, !queryToken.isEmpty {
            header = "Bearer " + queryToken
        }
        if header.isEmpty { return .anonymous }
        guard header.hasPrefix("Bearer ") else { return .refused("missing Bearer prefix in auth header") }
        let token = String(header.dropFirst("Bearer ".count))
        do {
            return .verified(try await verifier.verify(token))
        } catch {
            logger.warning("JWT verification failed: \(error)")
            return .refused(String(describing: error))
        }
    }

    // MARK: HTTP bodies

    /// The answer to an HTTP body: status code and JSON (nil for an empty body).
    public struct HTTPAnswer: Sendable {
        public var status: Int
        public var body: Data?
    }

    /// Handles one HTTP POST body (single request or batch) for an already authenticated caller.
    public func handle(body: Data, token: VerifiedToken?, remoteAddress: String? = nil) async -> HTTPAnswer {
        let trimmed = body.trimmingJSONWhitespace()
        guard let first = trimmed.first, let last = trimmed.last else {
            return protocolAnswer(RPCError(code: RPCError.invalidRequest, message: "Invalid request"))
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: trimmed)
        } catch {
            return protocolAnswer(RPCError(code: RPCError.parseError, message: "Parse error"))
        }
        // The decoder also reads documents that do not start with `[` as written (a byte order
        // mark, UTF-16): those are never taken for a batch.
        let bracketed = first == UInt8(ascii: "[") && last == UInt8(ascii: "]")
        return await handle(json: json, bracketed: bracketed, token: token, remoteAddress: remoteAddress)
    }

    /// Handles a parsed HTTP body; `bracketed` tells that its text is `[...]`, which a batch must be.
    func handle(json: JSONValue, bracketed: Bool, token: VerifiedToken?, remoteAddress: String?) async -> HTTPAnswer {
        if bracketed, case .array(let elements) = json {
            if elements.isEmpty {
                return protocolAnswer(RPCError(code: RPCError.invalidRequest, message: "Invalid request"))
            }
            if elements.count > configuration.maxBatchSize {
                return protocolAnswer(
                    RPCError(
                        code: RPCError.serverError,
                        message: "batch of \(elements.count) requests exceeds the limit of \(configuration.maxBatchSize)"))
            }
            var responses: [RPCResponse] = []
            for element in elements {
                do throws(RPCError) {
                    let request = try RPCRequest(json: element)
                    if case .response(let r, _) = await dispatch(
                        request, token: token, transport: .http, remoteAddress: remoteAddress)
                    {
                        responses.append(r)
                    }
                } catch {
                    responses.append(RPCResponse(id: nil, error: error))
                }
            }
            if responses.isEmpty { return HTTPAnswer(status: 200, body: nil) }
            return HTTPAnswer(status: 200, body: encode(responses))
        }
        let request: RPCRequest
        do throws(RPCError) {
            request = try RPCRequest(json: json)
        } catch {
            return protocolAnswer(error)
        }
        switch await dispatch(request, token: token, transport: .http, remoteAddress: remoteAddress) {
        case .none, .channel:
            return HTTPAnswer(status: 200, body: nil)
        case .response(let response, let protocolError):
            var status = 200
            if protocolError, case .error(let e) = response.outcome {
                status = e.code == RPCError.invalidRequest ? 400 : 500
            }
            return HTTPAnswer(status: status, body: encode(response))
        }
    }

    /// The answer go-jsonrpc's `rpcError` gives before any request could be read: id null.
    func protocolAnswer(_ error: RPCError) -> HTTPAnswer {
        HTTPAnswer(
            status: error.code == RPCError.invalidRequest ? 400 : 500,
            body: encode(RPCResponse(id: nil, error: error)))
    }

    /// Encodes a response; a result that cannot be encoded becomes a code-1 error instead.
    func encode(_ value: some Encodable) -> Data {
        if let response = value as? RPCResponse, let fast = response.fastJSON { return fast }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            logger.error("failed to encode response: \(error)")
            let fallback = RPCResponse(
                id: nil, error: RPCError(code: RPCError.methodError, message: "failed to encode response: \(error)"))
            return (try? encoder.encode(fallback)) ?? Data("{\"jsonrpc\":\"2.0\",\"id\":null}".utf8)
        }
    }

    // MARK: Dispatch

    /// What a request produced.
    enum DispatchResult: Sendable {
        /// Whether the request was answered with an error.
        var isFailure: Bool {
            if case .response(let response, _) = self, case .error = response.outcome { return true }
            return false
        }

        /// Nothing to send (notification).
        case none
        /// A response; `protocolError` marks errors from the envelope layer (HTTP 500/400).
        case response(RPCResponse, protocolError: Bool)
        /// A streaming method started: answer with a channel id, then forward the values.
        case channel(RPCID?, ValueStream)
    }

    /// Runs one request (see `dispatchUnmeasured`), recording its method, outcome and latency
    /// when the server has metrics.
    func dispatch(
        _ request: RPCRequest, token: VerifiedToken?, transport: RPCCallContext.Transport, remoteAddress: String? = nil
    ) async -> DispatchResult {
        guard let metrics else {
            return await dispatchUnmeasured(request, token: token, transport: transport, remoteAddress: remoteAddress)
        }
        let start = ContinuousClock.now
        let result = await dispatchUnmeasured(request, token: token, transport: transport, remoteAddress: remoteAddress)
        metrics.record(method: request.method, failed: result.isFailure, duration: ContinuousClock.now - start)
        return result
    }

    /// Runs one request: lookup, permission, rate limit, parameters, handler.
    func dispatchUnmeasured(
        _ request: RPCRequest, token: VerifiedToken?, transport: RPCCallContext.Transport, remoteAddress: String? = nil
    ) async -> DispatchResult {
        func fail(_ error: RPCError, protocolError: Bool) -> DispatchResult {
            guard request.id != nil else { return .none }
            return .response(RPCResponse(id: request.id, error: error), protocolError: protocolError)
        }
        guard let method = registry.methods[request.method] else {
            return fail(
                RPCError(code: RPCError.methodNotFound, message: "method '\(request.method)' not found"),
                protocolError: true)
        }
        if case .stream = method.kind, transport == .http {
            return fail(
                RPCError(
                    code: RPCError.methodNotFound,
                    message: "method '\(request.method)' not supported in this mode (no out channel support)"),
                protocolError: true)
        }
        let granted = token?.permissions ?? configuration.anonymousPermissions
        if !method.isPublic && !method.permission.isSatisfied(by: granted) {
            return fail(.missingPermission(method: method.name, need: method.permission), protocolError: false)
        }
        if let rateLimiter, let token {
            do {
                if let wait = try await rateLimiter.acquire(user: token.name) {
                    return fail(
                        RPCError(
                            code: RPCError.serverError,
                            message: "rate limit exceeded for user '\(token.name)': try again in \(wait)"),
                        protocolError: false)
                }
            } catch {
                return fail(
                    RPCError(code: RPCError.serverError, message: "rate limit lookup failed: \(error)"),
                    protocolError: false)
            }
        }
        let elements: [JSONValue]
        switch request.params {
        case nil, .null?: elements = []
        case .array(let a)?: elements = a
        default:
            return fail(
                RPCError(code: RPCError.parseError, message: "unmarshaling param array: params must be a JSON array"),
                protocolError: true)
        }
        if elements.count != method.paramCount {
            return fail(
                RPCError(
                    code: RPCError.invalidParams,
                    message: "wrong param count (method '\(request.method)'): \(elements.count) != \(method.paramCount)"
                ),
                protocolError: true)
        }
        // Written for the parameters' decoder by hand: `JSONEncoder` was a tenth of a small call's cost.
        let data = elements.isEmpty ? Data("[]".utf8) : Data(JSONValue.array(elements).jsonBytes)
        let context = RPCCallContext(
            method: method.name, token: token, transport: transport, logger: logger, remoteAddress: remoteAddress)
        switch method.kind {
        case .unary(let call):
            do {
                let result = try await call(data, context)
                guard request.id != nil else { return .none }
                return .response(RPCResponse(id: request.id, outcome: .result(result)), protocolError: false)
            } catch let failure as RegisteredMethod.ParamsDecodingFailure {
                return fail(RPCError(code: RPCError.parseError, message: failure.message), protocolError: true)
            } catch {
                return fail(Self.methodError(error), protocolError: false)
            }
        case .stream(let open):
            do {
                let stream = try await open(data, context)
                return .channel(request.id, stream)
            } catch let failure as RegisteredMethod.ParamsDecodingFailure {
                return fail(RPCError(code: RPCError.parseError, message: failure.message), protocolError: true)
            } catch {
                return fail(Self.methodError(error), protocolError: false)
            }
        }
    }

    /// The error object for an error thrown by a handler.
    static func methodError(_ error: any Error) -> RPCError {
        if let e = error as? RPCError { return e }
        if error is CancellationError { return RPCError(code: RPCError.methodError, message: "context canceled") }
        return RPCError(code: RPCError.methodError, message: String(describing: error))
    }
}

extension Data {
    /// The bytes without leading and trailing JSON whitespace.
    func trimmingJSONWhitespace() -> Data {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return Data()
        }
        if start == startIndex && end == index(before: endIndex) { return self }
        return Data(self[start...end])
    }
}
