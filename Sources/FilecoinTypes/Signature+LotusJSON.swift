import GoCompat
import Foundation

/// Lotus JSON: `{"Type": 1, "Data": "<base64>"}`.
extension Signature: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind = "Type"
        case data = "Data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeByte = try container.decode(UInt8.self, forKey: .kind)
        guard let kind = Kind(rawValue: typeByte) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown signature type \(typeByte)")
        }
        self.init(kind: kind, data: try container.decode(GoBytes.self, forKey: .data).orEmpty)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(GoBytes(data), forKey: .data)
    }
}
