import FilecoinTypes
import Foundation
import GoCompat

/// Who signed what, when (upstream `SignRecord`). JSON as ListSignedRecord returns it:
/// `{"ID","Type","Signer","Err","RawMsg","Signature","CreateAt"}`.
public struct SignRecord: Hashable, Sendable {
    public var id: String
    public var type: MsgType
    public var signer: Address
    /// The refusal or signing error, when the request failed.
    public var error: String?
    /// The CBOR of the object signed.
    public var rawMessage: [UInt8]
    public var signature: Signature?
    public var createdAt: Date

    public init(
        id: String, type: MsgType, signer: Address, error: String?, rawMessage: [UInt8], signature: Signature?,
        createdAt: Date
    ) {
        self.id = id
        self.type = type
        self.signer = signer
        self.error = error
        self.rawMessage = rawMessage
        self.signature = signature
        self.createdAt = createdAt
    }
}

/// `Err` is the error text or null, `RawMsg` base64, `CreateAt` a Go time.
extension SignRecord: Codable {
    private enum CodingKeys: String, CodingKey {
        case id = "ID", type = "Type", signer = "Signer", error = "Err", rawMessage = "RawMsg"
        case signature = "Signature", createdAt = "CreateAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try c.decode(String.self, forKey: .type)
        guard let type = MsgType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown msg type \(typeName)")
        }
        self.init(
            id: try c.decode(String.self, forKey: .id), type: type, signer: try c.decode(Address.self, forKey: .signer),
            error: try c.decodeIfPresent(String.self, forKey: .error),
            rawMessage: try c.decodeIfPresent(GoBytes.self, forKey: .rawMessage)?.orEmpty ?? [],
            signature: try c.decodeIfPresent(Signature.self, forKey: .signature),
            createdAt: try c.decode(GoTime.self, forKey: .createdAt).date)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type.rawValue, forKey: .type)
        try c.encode(signer, forKey: .signer)
        try c.encode(error, forKey: .error)
        try c.encode(GoBytes(rawMessage), forKey: .rawMessage)
        try c.encode(signature, forKey: .signature)
        try c.encode(GoTime(createdAt), forKey: .createdAt)
    }
}
