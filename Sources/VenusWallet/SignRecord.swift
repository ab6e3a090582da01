import FilecoinTypes
import Foundation

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

/// A ListSignedRecord filter (upstream `QueryParams`); an `id` overrides every other field.
public struct SignRecordQuery: Hashable, Sendable {
    public var id: String?
    public var type: MsgType?
    public var signer: Address?
    public var isError: Bool
    public var skip: Int
    public var limit: Int
    public var after: Date?
    public var before: Date?

    public init(
        id: String? = nil, type: MsgType? = nil, signer: Address? = nil, isError: Bool = false, skip: Int = 0,
        limit: Int = 0, after: Date? = nil, before: Date? = nil
    ) {
        self.id = id
        self.type = type
        self.signer = signer
        self.isError = isError
        self.skip = skip
        self.limit = limit
        self.after = after
        self.before = before
    }
}
