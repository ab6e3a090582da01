import FilecoinTypes
import Foundation
import JSONRPC
import VenusAPI

/// The venus-wallet JSON-RPC API (`/rpc/v0`, namespace `Filecoin`) with upstream's permissions
/// (venus-shared `api/wallet`). Byte arrays travel base64-encoded, as Go encodes `[]byte`.
///
/// These live beside the wallet rather than in VenusAPI because their DTOs (KeyInfo, MsgMeta,
/// SignRecord) are the wallet's own types.
public enum WalletAPI {
    public static let walletNew = RPCMethod<Params1<KeyType>, Address>("Filecoin.WalletNew", .admin)
    public static let walletHas = RPCMethod<Params1<Address>, Bool>("Filecoin.WalletHas", .read)
    public static let walletList = RPCMethod<NoParams, [Address]>("Filecoin.WalletList", .read)
    public static let walletSign = RPCMethod<Params3<Address, Data, WalletMsgMeta>, Signature>(
        "Filecoin.WalletSign", .sign)
    public static let walletExport = RPCMethod<Params1<Address>, KeyInfo>("Filecoin.WalletExport", .admin)
    public static let walletImport = RPCMethod<Params1<KeyInfo>, Address>("Filecoin.WalletImport", .admin)
    public static let walletDelete = RPCMethod<Params1<Address>, RPCVoid>("Filecoin.WalletDelete", .admin)

    public static let setPassword = RPCMethod<Params1<String>, RPCVoid>("Filecoin.SetPassword", .admin)
    public static let unlock = RPCMethod<Params1<String>, RPCVoid>("Filecoin.Unlock", .admin)
    public static let lock = RPCMethod<Params1<String>, RPCVoid>("Filecoin.Lock", .admin)
    public static let lockState = RPCMethod<NoParams, Bool>("Filecoin.LockState", .admin)
    public static let verifyPassword = RPCMethod<Params1<String>, RPCVoid>("Filecoin.VerifyPassword", .admin)

    public static let listSignedRecord = RPCMethod<Params1<SignRecordQuery>, [SignRecord]>(
        "Filecoin.ListSignedRecord", .read)

    public static let version = CommonAPI.version
    public static let authVerify = CommonAPI.authVerify
    public static let authNew = CommonAPI.authNew
}

/// Go's zero `time.Time` ("0001-01-01T00:00:00Z") means "no bound".
private let zeroTime = "0001-01-01T00:00:00Z"

private func parseTime(_ text: String) throws -> Date? {
    if text == zeroTime { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not an RFC 3339 time: \(text)"))
    }
    return date
}

private func formatTime(_ date: Date?) -> String {
    guard let date else { return zeroTime }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
}

/// `{"ID","Type","Signer","IsError","Skip","Limit","After","Before"}`; an empty Type, an empty
/// ID and zero times mean "any".
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
        self.init(
            id: id?.isEmpty == false ? id : nil, type: type,
            signer: signerName.isEmpty || signerName == "<empty>" ? nil : try Address(signerName),
            isError: try c.decodeIfPresent(Bool.self, forKey: .isError) ?? false,
            skip: max(0, try c.decodeIfPresent(Int.self, forKey: .skip) ?? 0),
            limit: max(0, try c.decodeIfPresent(Int.self, forKey: .limit) ?? 0),
            after: try parseTime(try c.decodeIfPresent(String.self, forKey: .after) ?? zeroTime),
            before: try parseTime(try c.decodeIfPresent(String.self, forKey: .before) ?? zeroTime))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id ?? "", forKey: .id)
        try c.encode(type?.rawValue ?? "", forKey: .type)
        try c.encode(signer?.description ?? "<empty>", forKey: .signer)
        try c.encode(isError, forKey: .isError)
        try c.encode(skip, forKey: .skip)
        try c.encode(limit, forKey: .limit)
        try c.encode(formatTime(after), forKey: .after)
        try c.encode(formatTime(before), forKey: .before)
    }
}

/// `{"ID","Type","Signer","Err","RawMsg","Signature","CreateAt"}`; `Err` is the error text or null.
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
            rawMessage: Array(try c.decodeIfPresent(Data.self, forKey: .rawMessage) ?? Data()),
            signature: try c.decodeIfPresent(Signature.self, forKey: .signature),
            createdAt: try parseTime(try c.decode(String.self, forKey: .createdAt)) ?? Date(timeIntervalSince1970: 0))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type.rawValue, forKey: .type)
        try c.encode(signer, forKey: .signer)
        try c.encode(error, forKey: .error)
        try c.encode(Data(rawMessage), forKey: .rawMessage)
        try c.encode(signature, forKey: .signature)
        try c.encode(formatTime(createdAt), forKey: .createdAt)
    }
}
