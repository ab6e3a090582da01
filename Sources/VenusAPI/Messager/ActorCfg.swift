import DagCBOR
import Foundation
import GoCompat

/// Gas settings for one method of one actor code (venus-shared `messager.ActorCfg`): `{"id",
/// "version", "code", "method", <FeeSpec members>, "createAt", "updateAt"}`.
public struct ActorCfg: Hashable, Sendable {
    public var id: GatewayUUID
    /// The actors version the code CID belongs to.
    public var actorVersion: Int
    public var methodType: MessagerMethodType
    public var feeSpec: FeeSpec
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: GatewayUUID = GatewayUUID(), actorVersion: Int, methodType: MessagerMethodType, feeSpec: FeeSpec = .zero,
        createdAt: Date = Date(), updatedAt: Date? = nil
    ) {
        self.id = id
        self.actorVersion = actorVersion
        self.methodType = methodType
        self.feeSpec = feeSpec
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// This configuration with `change` applied (what `UpdateActorCfg` stores): only the members
    /// `change` carries are replaced.
    public func applying(_ change: ChangeGasSpecParams, at time: Date = Date()) -> ActorCfg {
        var updated = self
        updated.feeSpec = feeSpec.applying(change)
        updated.updatedAt = time
        return updated
    }
}

extension ActorCfg: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, actorVersion = "version", createdAt = "createAt", updatedAt = "updateAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(GatewayUUID.self, forKey: .id),
            actorVersion: try c.decodeIfPresent(Int.self, forKey: .actorVersion) ?? 0,
            methodType: try MessagerMethodType(from: decoder), feeSpec: try FeeSpec(from: decoder),
            createdAt: (try c.decodeIfPresent(GoTime.self, forKey: .createdAt) ?? .zero).date,
            updatedAt: (try c.decodeIfPresent(GoTime.self, forKey: .updatedAt) ?? .zero).date)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(actorVersion, forKey: .actorVersion)
        try methodType.encode(to: encoder)
        try feeSpec.encode(to: encoder)
        try c.encode(GoTime(createdAt), forKey: .createdAt)
        try c.encode(GoTime(updatedAt), forKey: .updatedAt)
    }
}
