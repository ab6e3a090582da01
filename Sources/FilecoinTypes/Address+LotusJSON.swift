// Lotus JSON: an address is its string. Encoding uses the encoder's `userInfo[.filecoinNetwork]`
// when set (so one process can serve several networks), else `Address.defaultNetwork` (Lotus
// prints with its global CurrentNetwork); decoding accepts either prefix.

extension Address: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Address(text)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath, debugDescription: "invalid address \"\(text)\": \(error)",
                    underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let network = encoder.userInfo[.filecoinNetwork] as? Network ?? Address.defaultNetwork
        try container.encode(string(network: network))
    }
}

extension CodingUserInfoKey {
    /// The `Network` whose prefix addresses are written with in JSON.
    public static let filecoinNetwork = CodingUserInfoKey(rawValue: "filecoin.network")!
}
