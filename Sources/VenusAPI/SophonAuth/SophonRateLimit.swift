/// A per-user request limit (upstream's `storage.UserRateLimit`, Go field names):
/// `{"Id", "Name", "Service", "API", "ReqLimit": {"Cap", "ResetDur"}}`.
///
/// `cap` requests are allowed per `resetDurationNanoseconds` window. Empty `service` and `api`
/// make the limit apply to every call of the user (the only kind upstream's clients match).
public struct SophonRateLimit: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var service: String
    public var api: String
    public var cap: Int64
    /// Go `time.Duration`: nanoseconds.
    public var resetDurationNanoseconds: Int64

    public init(
        id: String = "", name: String, service: String = "", api: String = "", cap: Int64,
        resetDurationNanoseconds: Int64
    ) {
        self.id = id
        self.name = name
        self.service = service
        self.api = api
        self.cap = cap
        self.resetDurationNanoseconds = resetDurationNanoseconds
    }

    /// Whether this limit applies to every call of the user.
    public var isUserWide: Bool { service.isEmpty && api.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", service = "Service", api = "API", reqLimit = "ReqLimit"
    }

    private enum LimitKeys: String, CodingKey { case cap = "Cap", resetDur = "ResetDur" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        name = try container.decode(String.self, forKey: .name)
        service = try container.decodeIfPresent(String.self, forKey: .service) ?? ""
        api = try container.decodeIfPresent(String.self, forKey: .api) ?? ""
        let limit = try container.nestedContainer(keyedBy: LimitKeys.self, forKey: .reqLimit)
        cap = try limit.decode(Int64.self, forKey: .cap)
        resetDurationNanoseconds = try limit.decode(Int64.self, forKey: .resetDur)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(service, forKey: .service)
        try container.encode(api, forKey: .api)
        var limit = container.nestedContainer(keyedBy: LimitKeys.self, forKey: .reqLimit)
        try limit.encode(cap, forKey: .cap)
        try limit.encode(resetDurationNanoseconds, forKey: .resetDur)
    }
}
