import Foundation
import JWTKit

/// Encodes JWT parts byte for byte as Go's `encoding/json` does for upstream's tokens: the header
/// as `{"alg":"HS256","typ":"JWT"}` (sorted keys) and the claims in struct order
/// `{"name":…,"perm":…,"ext":…}`, with `<`, `>`, `&` escaped and `/` not, so a token we sign is
/// the token upstream would sign with the same secret.
struct GoJSONEncoder: JWTJSONEncoder {
    func encode<T: Encodable>(_ value: T) throws -> Data {
        if let claims = value as? TokenClaims {
            let fields = [("name", claims.name), ("perm", claims.perm), ("ext", claims.ext)]
            var text = "{"
            for (index, (key, field)) in fields.enumerated() {
                text += (index == 0 ? "" : ",") + "\"\(key)\":" + (try GoJSONEncoder.string(field))
            }
            return Data((text + "}").utf8)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func string(_ value: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let quoted = String(decoding: try encoder.encode(value), as: UTF8.self)
        return quoted.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
