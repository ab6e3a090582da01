import JWTKit

/// Verifies Lotus local tokens (HS256 with the service's secret, payload `{"Allow": [...]}`).
public struct LotusLocalTokenVerifier: TokenVerifier {
    private let keys: JWTKeyCollection

    public init(secret: [UInt8]) async {
        keys = await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    }

    public func verify(_ token: String) async throws -> VerifiedToken {
        let payload: LotusLocalToken
        do {
            payload = try await keys.verify(token, as: LotusLocalToken.self)
        } catch let error as JWTError {
            if error.errorType == .signatureVerificationFailed { throw TokenError.badSignature }
            throw TokenError.malformed(error.reason ?? "\(error.errorType)")
        }
        return VerifiedToken(name: LotusLocalToken.name, permissions: payload.permissions)
    }
}
