import DagCBOR

/// Lotus JSON: an array of `{"/": ...}` CIDs (`null` reads as the empty key, which API methods take
/// to mean the chain head).
extension TipSetKey: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .empty
        } else {
            self.init(try container.decode([CID].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cids)
    }
}
