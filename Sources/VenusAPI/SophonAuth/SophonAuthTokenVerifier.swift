import JSONRPC

/// A `TokenVerifier` asking sophon-auth (`POST /verify`) about each token. Wrap it in
/// JSONRPC's `CachingTokenVerifier` so a busy RPC server does not ask for every call.
///
/// A token verifies only while it is registered and not removed, signed with its own secret,
/// and its user is neither disabled nor deleted; the permission is expanded cumulatively.
public struct SophonAuthTokenVerifier: TokenVerifier {
    public let client: SophonAuthClient

    public init(client: SophonAuthClient) { self.client = client }

    /// Throws `TokenError.unknown` when sophon-auth refuses the token (a definite answer a cache may
    /// remember briefly), and the client's error when sophon-auth cannot be asked.
    public func verify(_ token: String) async throws -> VerifiedToken {
        let payload: SophonTokenPayload
        do {
            payload = try await client.verify(token)
        } catch SophonAuthClientError.unauthorized(let reason) {
            throw TokenError.unknown(reason)
        }
        return try payload.verifiedToken()
    }
}

extension SophonTokenPayload {
    /// The identity and cumulative rights this payload grants, as RPC servers check them.
    public func verifiedToken() throws(TokenError) -> VerifiedToken {
        guard let permission = Permission(rawValue: perm.rawValue) else {
            throw TokenError.malformed("unknown permission \(perm)")
        }
        return VerifiedToken(name: name, permissions: Set(permission.withImplied), extra: ext)
    }
}
