import FilecoinTypes
import Foundation
import GoCompat

/// `ListMessage`'s filter (venus-shared `messager.MsgQueryParams`): `{"State", "From",
/// "ByUpdateAt", "Asc", "Limit", "Offset"}`. Empty lists match everything (Go sends `null`).
/// sophon-messager keeps messages updated at or after `ByUpdateAt` (null: no bound; upstream's
/// comment says "before", its query does the opposite), most recently updated first unless
/// `Asc` (then in storage order), and reads `Limit` 0 as no limit.
public struct MsgQueryParams: Hashable, Sendable {
    public var state: [MessageState]
    public var from: [Address]
    public var byUpdateAt: Date?
    public var asc: Bool
    public var limit: UInt
    public var offset: UInt

    public init(
        state: [MessageState] = [], from: [Address] = [], byUpdateAt: Date? = nil, asc: Bool = false, limit: UInt = 0,
        offset: UInt = 0
    ) {
        self.state = state
        self.from = from
        self.byUpdateAt = byUpdateAt
        self.asc = asc
        self.limit = limit
        self.offset = offset
    }
}

extension MsgQueryParams: Codable {
    private enum CodingKeys: String, CodingKey {
        case state = "State", from = "From", byUpdateAt = "ByUpdateAt", asc = "Asc", limit = "Limit", offset = "Offset"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            state: try c.decodeIfPresent([MessageState].self, forKey: .state) ?? [],
            from: try c.decodeIfPresent([Address].self, forKey: .from) ?? [],
            byUpdateAt: try c.decodeIfPresent(GoTime.self, forKey: .byUpdateAt)?.date,
            asc: try c.decodeIfPresent(Bool.self, forKey: .asc) ?? false,
            limit: try c.decodeIfPresent(UInt.self, forKey: .limit) ?? 0,
            offset: try c.decodeIfPresent(UInt.self, forKey: .offset) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        // Go's nil slices, as a Go client writes an unset filter.
        if state.isEmpty { try c.encodeNil(forKey: .state) } else { try c.encode(state, forKey: .state) }
        if from.isEmpty { try c.encodeNil(forKey: .from) } else { try c.encode(from, forKey: .from) }
        try c.encode(byUpdateAt.map(GoTime.init), forKey: .byUpdateAt)
        try c.encode(asc, forKey: .asc)
        try c.encode(limit, forKey: .limit)
        try c.encode(offset, forKey: .offset)
    }
}
