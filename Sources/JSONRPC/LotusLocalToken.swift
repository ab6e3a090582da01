import Foundation
import JWTKit

/// A Lotus-style local API token: HS256 JWT whose payload is `{"Allow": ["read", ...]}`, signed with
/// the service's own secret (Lotus keeps it in the keystore as `auth-jwt-private`).
public struct LotusLocalToken: JWTPayload, Sendable, Hashable {
    /// The name `LotusLocalTokenVerifier` gives these tokens (they carry none).
    public static let name = "lotus-local"

    /// The permission strings as written. Unknown strings are kept but grant nothing.
    public var allow: [String]

    enum CodingKeys: String, CodingKey { case allow = "Allow" }

    public init(allow: [String]) { self.allow = allow }

    /// Lotus tokens have no expiry or audience; the signature is the only check.
    public func verify(using algorithm: some JWTAlgorithm) throws {}

    /// The permissions this payload grants.
    public var permissions: Set<Permission> { Set(allow.compactMap(Permission.init(rawValue:))) }

    /// Issues a token listing `permissions` in Lotus's order, signed with `secret`.
    /// Pass `Permission.admin.withImplied` for what `lotus auth create-token --perm admin` prints.
    public static func issue(permissions: [Permission], secret: [UInt8]) async throws -> String {
        let keys = await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        let ordered = Permission.allCases.filter(Set(permissions).contains).map(\.rawValue)
        return try await keys.sign(LotusLocalToken(allow: ordered))
    }
}
