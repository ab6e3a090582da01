/// Lotus JSON writes token amounts as decimal strings of attoFIL (`"1000"`).
extension TokenAmount: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self.init(attoFIL: try FilecoinBigInt.parseDecimal(text))
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(attoFIL.description)
    }
}
