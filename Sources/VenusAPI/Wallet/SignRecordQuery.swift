import FilecoinTypes
import Foundation
import GoCompat

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

/// `{"ID","Type","Signer","IsError","Skip","Limit","After","Before"}`; an empty Type, an empty
/// ID and Go's zero time mean "any" (and are what "any" is written as).
extension SignRecordQuery: Codable {
    private enum CodingKeys: String, CodingKey {
        case id = "ID", type = "Type", signer = "Signer", isError = "IsError", skip = "Skip", limit = "Limit"
        case after = "After", before = "Before"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decodeIfPresent(String.self, forKey: .id)
        let typeName = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        var type: MsgType? = nil
        if !typeName.isEmpty {
            guard let parsed = MsgType(rawValue: typeName) else {
                throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown msg type \(typeName)")
            }
            type = parsed
        }
        let signerName = try c.decodeIfPresent(String.self, forKey: .signer) ?? ""
        func bound(_ key: CodingKeys) throws -> Date? {
            let time = try c.decodeIfPresent(GoTime.self, forKey: key) ?? .zero
            return time == .zero ? nil : time.date
        }
        self.init(
            id: id?.isEmpty == false ? id : nil, type: type,
            signer: signerName.isEmpty || signerName == "<empty>" ? nil : try Address(signerName),
            isError: try c.decodeIfPresent(Bool.self, forKey: .isError) ?? false,
            skip: max(0, try c.decodeIfPresent(Int.self, forKey: .skip) ?? 0),
            limit: max(0, try c.decodeIfPresent(Int.self, forKey: .limit) ?? 0),
            after: try bound(.after), before: try bound(.before))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id ?? "", forKey: .id)
        try c.encode(type?.rawValue ?? "", forKey: .type)
        try c.encode(signer?.description ?? "<empty>", forKey: .signer)
        try c.encode(isError, forKey: .isError)
        try c.encode(skip, forKey: .skip)
        try c.encode(limit, forKey: .limit)
        try c.encode(after.map(GoTime.init) ?? .zero, forKey: .after)
        try c.encode(before.map(GoTime.init) ?? .zero, forKey: .before)
    }
}
