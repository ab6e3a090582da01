import Hummingbird
import NIOCore

/// Reads the query string and the body (bounded by `AuthRouter.maxBodySize`) into the context's
/// `fields` before any handler or authenticator runs.
struct RequestFieldsMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext

    func handle(
        _ request: Request, context: AuthRequestContext,
        next: (Request, AuthRequestContext) async throws -> Response
    ) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: AuthRouter.maxBodySize)
        } catch {
            throw AuthError.badRequest("request body too large or unreadable")
        }
        var context = context
        context.fields = try RequestFields(
            query: request.uri.query, body: Array(body.readableBytesView), contentType: request.headers[.contentType])
        return try await next(request, context)
    }
}
