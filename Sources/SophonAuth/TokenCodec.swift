import Foundation
import JWTKit

/// Signs and verifies sophon-auth tokens: HS256 JWTs, each with its own random 32-byte secret.
enum TokenCodec {
    /// A fresh random 32-byte secret (upstream's `RandSecret`).
    static func randomSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    static func sign(_ claims: TokenClaims, secret: [UInt8]) async throws(AuthError) -> String {
        let keys = JWTKeyCollection()
        await keys.add(
            hmac: HMACKey(from: secret), digestAlgorithm: .sha256,
            serializer: DefaultJWTSerializer(jsonEncoder: GoJSONEncoder()))
        do {
            return try await keys.sign(claims)
        } catch {
            throw .storage("sign token: \(error)")
        }
    }

    /// The claims if `token`'s HS256 signature verifies with `secret`.
    static func verify(_ token: String, secret: [UInt8]) async throws(AuthError) -> TokenClaims {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        do {
            return try await keys.verify(token, as: TokenClaims.self)
        } catch {
            throw .unauthorized("Verification Failed")
        }
    }

    /// The claims read without checking the signature (to find the token's user before lookup).
    static func unverifiedClaims(_ token: String) throws(AuthError) -> TokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = base64URLDecode(parts[1]) else {
            throw .unauthorized("can't parse token: not a JWT")
        }
        do {
            return try JSONDecoder().decode(TokenClaims.self, from: payload)
        } catch {
            throw .unauthorized("can't parse token payload")
        }
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

}

extension TokenCodec {
    /// Claims of a token named in a management call: malformed is a bad request, not a 401.
    static func unverifiedClaimsForManagement(_ token: String) throws(AuthError) -> TokenClaims {
        do {
            return try unverifiedClaims(token)
        } catch {
            throw .badRequest("get user of token failed: \(error)")
        }
    }
}
