import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// sophon-auth's route table on Hummingbird's pieces: every route gets its fields parsed and its
/// errors answered as upstream does; protected routes go through `TokenAuthenticator` first.
struct Routes {
    typealias Handler = @Sendable (RequestFields, AuthCaller) async throws -> RouteAnswer
    typealias OpenHandler = @Sendable (RequestFields) async throws -> RouteAnswer

    private let openGroup: RouterGroup<AuthRequestContext>
    private let protectedGroup: RouterGroup<AuthRequestContext>

    init(router: Router<AuthRequestContext>, service: AuthService, logger: Logger) {
        let common = router.group()
            .add(middleware: AuthErrorMiddleware(logger: logger))
            .add(middleware: RequestFieldsMiddleware())
        openGroup = common
        protectedGroup = common.group().add(middleware: TokenAuthenticator(service: service))
    }

    /// A route anyone may call.
    func open(_ method: HTTPRequest.Method, _ path: RouterPath, _ handler: @escaping OpenHandler) {
        openGroup.on(path, method: method) { _, context in try await handler(context.fields).response() }
    }

    /// A route for verified tokens; `handler` applies upstream's per-call permission rule.
    func add(_ method: HTTPRequest.Method, _ path: RouterPath, _ handler: @escaping Handler) {
        protectedGroup.on(path, method: method) { _, context in
            guard let caller = context.caller else { throw AuthError.unauthorized("missing token") }
            return try await handler(context.fields, caller).response()
        }
    }
}

extension RouteAnswer {
    /// The HTTP response: JSON, or upstream's empty 200.
    func response() throws -> Response {
        switch self {
        case .body(let data):
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        case .empty:
            return Response(status: .ok, headers: [.contentType: "application/json"])
        case .unencodable(let reason):
            throw AuthError.storage("encode answer: \(reason)")
        }
    }
}
