import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Answers every error a route, the field parser or the authenticator throws as upstream does:
/// `{"error": text}` with `AuthError.status`. Hummingbird's own HTTP errors (an unknown route's
/// 404) pass through unchanged.
struct AuthErrorMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext
    let logger: Logger

    func handle(
        _ request: Request, context: AuthRequestContext,
        next: (Request, AuthRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError where !(error is AuthError) {
            throw error
        } catch {
            let authError = error as? AuthError ?? .badRequest(String(describing: error))
            if authError.status >= 500 {
                logger.error("request failed: \(authError)")
            } else {
                logger.debug("request refused: \(authError)")
            }
            let body = (try? JSONEncoder().encode(["error": authError.description])) ?? Data()
            return Response(
                status: .init(code: authError.status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
