import JSONRPC

/// A `TokenVerifier` asking sophon-auth (`POST /verify`) about each token. Wrap it in
/// JSONRPC's `CachingTokenVerifier` so a busy RPC server does not ask for every call.
///
/// A token verifies only while it is registered and not removed, signed with its own secret,
/// and its user is neither disabled nor deleted; the permission is expanded cumulatively.
public struct SophonAuthTokenVerifier: TokenVerifier {
    public let client: SophonAuthClient

    public init(client: SophonAuthClient) { self.client = client }

    public func verify(_ token: String) async throws -> VerifiedToken {
        let payload = try await client.verify(token)
        guard let permission = Permission(rawValue: payload.perm.rawValue) else {
            throw SophonAuthClientError.invalidResponse("unknown permission \(payload.perm)")
        }
        return VerifiedToken(name: payload.name, permissions: Set(permission.withImplied), extra: payload.ext)
    }
}
