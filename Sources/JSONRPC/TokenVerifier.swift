/// Checks a bearer token and says who holds it and what it may do.
///
/// Implementations throw (any error) for a token they do not accept; the server then answers
/// HTTP 401 with an empty body, as go-jsonrpc's `auth.Handler` does.
public protocol TokenVerifier: Sendable {
    func verify(_ token: String) async throws -> VerifiedToken
}
