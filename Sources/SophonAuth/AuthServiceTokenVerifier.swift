import JSONRPC
import VenusAPI

/// sophon-auth's own tokens as a `TokenVerifier`, checked in process (no HTTP round trip): what
/// its `/metrics` route accepts.
struct AuthServiceTokenVerifier: TokenVerifier {
    let service: AuthService

    func verify(_ token: String) async throws -> VerifiedToken {
        try await service.verify(token).verifiedToken()
    }
}
