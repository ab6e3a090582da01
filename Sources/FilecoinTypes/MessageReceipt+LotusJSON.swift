import GoCompat
import DagCBOR

/// Lotus JSON: `{"ExitCode": 0, "Return": "<base64>", "GasUsed": n, "EventsRoot": null}`.
extension MessageReceipt: Codable {
    private enum CodingKeys: String, CodingKey {
        case exitCode = "ExitCode", returnData = "Return", gasUsed = "GasUsed", eventsRoot = "EventsRoot"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        exitCode = try container.decode(Int64.self, forKey: .exitCode)
        returnData = try container.decodeIfPresent(GoBytes.self, forKey: .returnData)?.orEmpty ?? []
        gasUsed = try container.decode(Int64.self, forKey: .gasUsed)
        eventsRoot = try container.decodeIfPresent(CID.self, forKey: .eventsRoot)
        hasEventsField = container.contains(.eventsRoot)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(GoBytes(nilIfEmpty: returnData), forKey: .returnData)
        try container.encode(gasUsed, forKey: .gasUsed)
        try container.encode(eventsRoot, forKey: .eventsRoot)
    }
}
