/// Why a token was refused.
public enum TokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not three base64url parts, bad JSON, or a payload of the wrong shape.
    case malformed(String)
    /// The signature does not match the secret.
    case badSignature
    /// The token is well formed but unknown to the authority (e.g. removed from sophon-auth).
    case unknown(String)
    /// No verifier accepted the token; holds each verifier's reason in order.
    case rejected([String])

    public var description: String {
        switch self {
        case .malformed(let why): return "malformed token: \(why)"
        case .badSignature: return "token signature verification failed"
        case .unknown(let why): return "unknown token: \(why)"
        case .rejected(let reasons): return "token rejected: " + reasons.joined(separator: "; ")
        }
    }
}
