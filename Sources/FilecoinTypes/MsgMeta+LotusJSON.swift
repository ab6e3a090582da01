import DagCBOR

/// Lotus JSON: `{"BlsMessages": {"/": ...}, "SecpkMessages": {"/": ...}}`.
extension MsgMeta: Codable {
    private enum CodingKeys: String, CodingKey { case blsMessages = "BlsMessages", secpkMessages = "SecpkMessages" }
}
