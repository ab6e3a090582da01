import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Route registration with body/query parsing, authentication and error mapping.
struct Routes {
    typealias Handler = @Sendable (RequestFields, AuthCaller) async throws -> RouteAnswer
    typealias OpenHandler = @Sendable (RequestFields) async throws -> RouteAnswer

    let router: Router<BasicRequestContext>
    let service: AuthService
    let logger: Logger

    func open(_ method: HTTPRequest.Method, _ path: RouterPath, _ handler: @escaping OpenHandler) {
        let logger = logger
        router.on(path, method: method) { request, _ -> Response in
            await Routes.respond(logger: logger) {
                try await handler(try await Routes.fields(of: request))
            }
        }
    }

    func add(_ method: HTTPRequest.Method, _ path: RouterPath, _ handler: @escaping Handler) {
        let service = service
        let logger = logger
        router.on(path, method: method) { request, _ -> Response in
            await Routes.respond(logger: logger) {
                let fields = try await Routes.fields(of: request)
                let caller = try await Routes.authenticate(request, fields: fields, service: service)
                return try await handler(fields, caller)
            }
        }
    }

    static func fields(of request: Request) async throws -> RequestFields {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: AuthRouter.maxBodySize)
        } catch {
            throw AuthError.badRequest("request body too large or unreadable")
        }
        return try RequestFields(
            query: request.uri.query, body: Array(body.readableBytesView),
            contentType: request.headers[.contentType])
    }

    static func authenticate(_ request: Request, fields: RequestFields, service: AuthService) async throws
        -> AuthCaller
    {
        let token: String
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer ") else { throw AuthError.unauthorized("missing Bearer prefix") }
            token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        } else if let fromForm = try fields.string("token") {
            token = fromForm
        } else {
            throw AuthError.unauthorized("missing token: send Authorization: Bearer <token>")
        }
        let payload = try await service.verify(token)
        return AuthCaller(name: payload.name, perm: payload.perm)
    }

    static func respond(logger: Logger, _ body: () async throws -> RouteAnswer) async -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        do {
            switch try await body() {
            case .body(let data):
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
            case .empty:
                return Response(status: .ok, headers: headers)
            case .unencodable(let reason):
                throw AuthError.storage("encode answer: \(reason)")
            }
        } catch {
            let authError = error as? AuthError ?? .badRequest(String(describing: error))
            if authError.status >= 500 {
                logger.error("request failed: \(authError)")
            } else {
                logger.debug("request refused: \(authError)")
            }
            let body = (try? JSONEncoder().encode(["error": authError.description])) ?? Data()
            return Response(
                status: .init(code: authError.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
