import DagCBOR

/// Lotus JSON writes a CID as `{"/": "bafy..."}`.
extension CID: Codable {
    private enum CodingKeys: String, CodingKey {
        case link = "/"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .link)
        do {
            try self.init(string: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .link, in: container, debugDescription: "invalid CID \"\(text.prefix(100))\": \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(description, forKey: .link)
    }
}
