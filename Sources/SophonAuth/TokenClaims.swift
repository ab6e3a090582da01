import JWTKit

/// The JWT claims of a sophon-auth token, exactly upstream's `{"name", "perm", "ext"}` with no
/// expiry: a token lives until it is removed. `perm` stays text here; `AuthService` validates it.
struct TokenClaims: JWTPayload, Hashable {
    var name: String
    var perm: String
    var ext: String

    init(name: String, perm: String, ext: String) {
        self.name = name
        self.perm = perm
        self.ext = ext
    }

    private enum CodingKeys: String, CodingKey { case name, perm, ext }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        perm = try container.decode(String.self, forKey: .perm)
        ext = try container.decodeIfPresent(String.self, forKey: .ext) ?? ""
    }

    /// Nothing to check beyond the signature: upstream tokens carry no time claims.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
