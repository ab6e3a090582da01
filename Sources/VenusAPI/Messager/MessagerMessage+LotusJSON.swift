import DagCBOR
import FilecoinTypes
import GoCompat

/// JSON as upstream's `MarshalJSON` writes it: `{"ID", "UnsignedCid", "SignedCid", <the Lotus
/// message's members flat, without "CID">, "Signature", "Height", "Confidence", "Receipt",
/// "TipSetKey", "Meta", "WalletName", "State", "ErrorMsg", "CreatedAt", "UpdatedAt"}`; the
/// optional members (Go pointers) as `null` when unset.
extension MessagerMessage: Codable {
    private enum CodingKeys: String, CodingKey {
        case id = "ID", unsignedCid = "UnsignedCid", signedCid = "SignedCid"
        case version = "Version", to = "To", from = "From", nonce = "Nonce", value = "Value"
        case gasLimit = "GasLimit", gasFeeCap = "GasFeeCap", gasPremium = "GasPremium"
        case method = "Method", params = "Params"
        case signature = "Signature", height = "Height", confidence = "Confidence", receipt = "Receipt"
        case tipSetKey = "TipSetKey", meta = "Meta", walletName = "WalletName", state = "State"
        case errorMsg = "ErrorMsg", createdAt = "CreatedAt", updatedAt = "UpdatedAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(String.self, forKey: .id) ?? "",
            unsignedCid: try c.decodeIfPresent(CID.self, forKey: .unsignedCid),
            signedCid: try c.decodeIfPresent(CID.self, forKey: .signedCid),
            message: try Message(from: decoder),
            signature: try c.decodeIfPresent(Signature.self, forKey: .signature),
            height: try c.decodeIfPresent(Int64.self, forKey: .height) ?? 0,
            confidence: try c.decodeIfPresent(Int64.self, forKey: .confidence) ?? 0,
            receipt: try c.decodeIfPresent(MessageReceipt.self, forKey: .receipt),
            tipSetKey: try c.decodeIfPresent(TipSetKey.self, forKey: .tipSetKey) ?? .empty,
            meta: try c.decodeIfPresent(SendSpec.self, forKey: .meta),
            walletName: try c.decodeIfPresent(String.self, forKey: .walletName) ?? "",
            state: try c.decodeIfPresent(MessageState.self, forKey: .state) ?? .unKnown,
            errorMsg: try c.decodeIfPresent(String.self, forKey: .errorMsg) ?? "",
            createdAt: (try c.decodeIfPresent(GoTime.self, forKey: .createdAt) ?? .zero).date,
            updatedAt: (try c.decodeIfPresent(GoTime.self, forKey: .updatedAt) ?? .zero).date)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(unsignedCid, forKey: .unsignedCid)
        try c.encode(signedCid, forKey: .signedCid)
        try c.encode(message.version, forKey: .version)
        try c.encode(message.to, forKey: .to)
        try c.encode(message.from, forKey: .from)
        try c.encode(message.nonce, forKey: .nonce)
        try c.encode(message.value, forKey: .value)
        try c.encode(message.gasLimit, forKey: .gasLimit)
        try c.encode(message.gasFeeCap, forKey: .gasFeeCap)
        try c.encode(message.gasPremium, forKey: .gasPremium)
        try c.encode(message.method, forKey: .method)
        try c.encode(GoBytes(nilIfEmpty: message.params), forKey: .params)
        try c.encode(signature, forKey: .signature)
        try c.encode(height, forKey: .height)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(receipt, forKey: .receipt)
        try c.encode(tipSetKey, forKey: .tipSetKey)
        try c.encode(meta, forKey: .meta)
        try c.encode(walletName, forKey: .walletName)
        try c.encode(state, forKey: .state)
        try c.encode(errorMsg, forKey: .errorMsg)
        try c.encode(GoTime(createdAt), forKey: .createdAt)
        try c.encode(GoTime(updatedAt), forKey: .updatedAt)
    }
}
