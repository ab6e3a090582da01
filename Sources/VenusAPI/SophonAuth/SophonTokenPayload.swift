/// The JWT payload of a sophon-auth token and the answer of `POST /verify`:
/// `{"name": <user>, "perm": <permission>, "ext": <free text>}`.
public struct SophonTokenPayload: Sendable, Hashable, Codable {
    /// The user the token belongs to.
    public var name: String
    /// The permission the token grants (cumulative).
    public var perm: SophonPermission
    /// Free text chosen when the token was generated (upstream's `Extra`).
    public var ext: String

    public init(name: String, perm: SophonPermission, ext: String = "") {
        self.name = name
        self.perm = perm
        self.ext = ext
    }

    private enum CodingKeys: String, CodingKey { case name, perm, ext }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        perm = try container.decode(SophonPermission.self, forKey: .perm)
        // Go omits nothing but older tokens may lack `ext`; absent means empty.
        ext = try container.decodeIfPresent(String.self, forKey: .ext) ?? ""
    }
}
