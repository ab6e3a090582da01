import Foundation

/// A response as the HTTP client reads it, with the result decoded straight into `R`.
struct IncomingResponse<R: Decodable>: Decodable {
    let id: RPCID?
    let result: Result<R, RPCError>

    enum CodingKeys: String, CodingKey { case id, result, error }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try? c.decodeIfPresent(RPCID.self, forKey: .id)
        if let error = try c.decodeIfPresent(RPCError.self, forKey: .error) {
            result = .failure(error)
        } else if c.contains(.result) {
            result = .success(try c.decode(R.self, forKey: .result))
        } else {
            result = .success(try JSONDecoder().decode(R.self, from: Data("null".utf8)))
        }
    }
}
