/// A sophon-auth failure, with the HTTP status it is answered with as `{"error": description}`.
public enum AuthError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 401: no token, or a token that does not verify.
    case unauthorized(String)
    /// 403: the caller's token lacks the permission (or ownership) the call needs.
    case forbidden(String)
    /// 400: a missing or malformed field, malformed JSON, an invalid address or permission.
    case badRequest(String)
    /// 400 as upstream: the user, token, miner or limit does not exist (or is deleted).
    case notFound(String)
    /// 400 as upstream: the thing to create exists already.
    case conflict(String)
    /// 500: the database failed.
    case storage(String)

    /// The HTTP status code this error is answered with.
    public var status: Int {
        switch self {
        case .unauthorized: 401
        case .forbidden: 403
        case .badRequest, .notFound, .conflict: 400
        case .storage: 500
        }
    }

    public var description: String {
        switch self {
        case .unauthorized(let text), .forbidden(let text), .badRequest(let text), .notFound(let text),
            .conflict(let text), .storage(let text):
            text
        }
    }
}
