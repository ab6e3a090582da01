import DagCBOR

/// Lotus JSON: `{"Message": {...}, "Signature": {...}, "CID": {"/": ...}}`.
extension SignedMessage: Codable {
    private enum CodingKeys: String, CodingKey {
        case message = "Message", signature = "Signature", cid = "CID"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decode(Message.self, forKey: .message)
        signature = try container.decode(Signature.self, forKey: .signature)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(message, forKey: .message)
        try container.encode(signature, forKey: .signature)
        try container.encode(cid, forKey: .cid)
    }
}
