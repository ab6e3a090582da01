import Foundation
import Hummingbird

/// Verifies the caller's token (`Authorization: Bearer <token>`, or a `token` query or form value
/// as upstream accepts) and puts the caller in the context; refuses the request otherwise.
struct TokenAuthenticator: RouterMiddleware {
    typealias Context = AuthRequestContext
    let service: AuthService

    func handle(
        _ request: Request, context: AuthRequestContext,
        next: (Request, AuthRequestContext) async throws -> Response
    ) async throws -> Response {
        let token: String
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer ") else { throw AuthError.unauthorized("missing Bearer prefix") }
            token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        } else if let fromForm = try context.fields.string("token") {
            token = fromForm
        } else {
            throw AuthError.unauthorized("missing token: send Authorization: Bearer <token>")
        }
        let payload = try await service.verify(token)
        var context = context
        context.caller = AuthCaller(name: payload.name, perm: payload.perm)
        return try await next(request, context)
    }
}
